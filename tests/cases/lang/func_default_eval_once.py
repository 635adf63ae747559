# default expressions run exactly once, when the def statement executes
calls = []
def make_default(tag):
    calls.append(tag)
    return tag.upper()
print("before def", calls)
def f(x=make_default("x"), y=make_default("y")):
    return x + y
print("after def", calls)
print('f():', f())
print('f():', f())
print('f("a"):', f("a"))
print("after calls", calls)
defs = []
for i in range(3):
    def g(n=i):
        return n
    defs.append(g)
print([d() for d in defs])
print(calls)
