# the value of yield from is the sub-generator's return value
def sub(n):
    total = 0
    for i in range(n):
        total += yield i
    return "sub total %d" % total
def main():
    r1 = yield from sub(3)
    print("r1 =", r1)
    r2 = yield from sub(1)
    print("r2 =", r2)
    return "main done"
g = main()
print(next(g))
print(g.send(10))
print(g.send(20))
print(g.send(30))
try:
    g.send(5)
except StopIteration as e:
    print("final:", e.value)
def nothing():
    return 42
    yield
def wrapper():
    v = yield from nothing()
    yield v
print(list(wrapper()))
def from_list():
    v = yield from [1, 2]
    yield ("list gives", v)
print(list(from_list()))
