# positional-only parameters declared with /
def f(a, b, /, c, *, d=0):
    return a, b, c, d
print('f(1, 2, 3):', f(1, 2, 3))
print('f(1, 2, c=3, d=4):', f(1, 2, c=3, d=4))
try:
    f(1, b=2, c=3)
except TypeError as e:
    print("pos-only by keyword:", type(e).__name__)
def g(x, /, **kw):
    return x, kw
print(g(1, x=2))
def h(a, b=2, /):
    return a + b
print('h(1):', h(1))
print('h(1, 1):', h(1, 1))
def m(a, /, b):
    return a - b
print('m(10, 3):', m(10, 3))
print('m(10, b=4):', m(10, b=4))
