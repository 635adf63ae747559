# generator functions: lazy execution, yield points, independent instances
def gen():
    print("start")
    yield 1
    print("after 1")
    yield 2
    print("end")
g = gen()
print("created", type(g).__name__)
print(next(g))
print(next(g))
print(next(g, "stop"))
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
a, b = count(3), count(3)
print('next(a):', next(a))
print('next(a):', next(a))
print('next(b):', next(b))
print('list(a):', list(a))
print('list(b):', list(b))
print('list(count(0)):', list(count(0)))
print('sum(count(5)):', sum(count(5)))
print('max(count(4)):', max(count(4)))
def yields_none():
    yield
    yield
print(list(yields_none()))
g2 = count(2)
print(iter(g2) is g2)
