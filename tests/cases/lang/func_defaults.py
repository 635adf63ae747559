# default argument values, overriding positionally and by keyword
def f(a, b=2, c="three"):
    return (a, b, c)
print(f(1))
print(f(1, 20))
print(f(1, c="C"))
print(f(a=0, c=None, b=[]))
print(f(*[5, 6]))
X = 10
def g(x=X):
    return x
X = 20
print('g():', g())
print('g(99):', g(99))
def h(a, b=None):
    if b is None:
        b = []
    b.append(a)
    return b
print('h(1):', h(1))
print('h(2):', h(2))
print('h([3], ["x"]):', h([3], ["x"]))
def exprs(a=1 + 2, b=len("four"), c=[i for i in range(3)]):
    return a, b, c
print(exprs())
