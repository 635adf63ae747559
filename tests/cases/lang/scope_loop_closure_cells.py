# closures created in loops share the loop variable's cell; separate calls get separate cells
def make_all():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    i = 99
    return fs
print([f() for f in make_all()])
def make_separate():
    def one(i):
        return lambda: i
    return [one(i) for i in range(3)]
print([f() for f in make_separate()])
def while_cells():
    fs = []
    n = 0
    while n < 3:
        fs.append(lambda: n)
        n += 1
    return [f() for f in fs]
print(while_cells())
