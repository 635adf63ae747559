# closures bind variables, not values: late binding in loops and fixes
funcs = []
for i in range(3):
    funcs.append(lambda: i)
print([f() for f in funcs])
funcs = [lambda: j for j in range(3)]
print([f() for f in funcs])
funcs = [lambda j=j: j for j in range(3)]
print([f() for f in funcs])
def make(n):
    return lambda: n
funcs = [make(k) for k in range(3)]
print([f() for f in funcs])
def outer():
    fs = []
    for x in "abc":
        def f():
            return x
        fs.append(f)
    x = "changed"
    return fs
print([f() for f in outer()])
