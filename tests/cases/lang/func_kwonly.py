# keyword-only parameters after * or *args, with and without defaults
def f(a, *, b, c=3):
    return a, b, c
print('f(1, b=2):', f(1, b=2))
print('f(1, c=4, b=5):', f(1, c=4, b=5))
print('f(a=0, b=0):', f(a=0, b=0))
try:
    f(1, 2)
except TypeError as e:
    print("positional for kwonly:", type(e).__name__)
try:
    f(1)
except TypeError as e:
    print("missing kwonly:", type(e).__name__)
def g(*args, sep="-", end="!"):
    return sep.join(args) + end
print('g("a", "b"):', g("a", "b"))
print('g("a", "b", sep="+"):', g("a", "b", sep="+"))
print('g(end="?"):', g(end="?"))
def h(*, only):
    return only
print(h(only=42))
try:
    h()
except TypeError as e:
    print("required kwonly:", type(e).__name__)
def k(a, b=1, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(k(1, c=3))
print(k(1, 2, 3, 4, c=5, e=6))
