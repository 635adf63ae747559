# yield used as an expression in assignments, calls and conditions
def g():
    x = yield 1
    print("x", x)
    y = (yield 2) + 100
    print("y", y)
    print("call", str((yield 3)))
    if (yield 4):
        print("truthy")
    lst = [(yield 5), (yield 6)]
    print("lst", lst)
it = g()
print(next(it))
print(it.send("a"))
print(it.send(1))
print(it.send("c"))
print(it.send(True))
print(it.send("p"))
try:
    it.send("q")
except StopIteration:
    print("done")
