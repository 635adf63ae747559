# argument binding errors raise TypeError
def f(a, b, c=3):
    return a + b + c
def kw(*, x):
    return x
NUM = 5
def none():
    return 0
tests = [
    ("missing positional", lambda: f(1)),
    ("too many positional", lambda: f(1, 2, 3, 4)),
    ("unexpected keyword", lambda: f(1, 2, d=4)),
    ("duplicate value", lambda: f(1, 2, a=5)),
    ("kwonly as positional", lambda: kw(1)),
    ("args to no-arg function", lambda: none(1)),
    ("kwargs to no-arg function", lambda: none(k=1)),
    ("call a non-callable", lambda: NUM()),
    ("non-mapping **", lambda: f(1, **[2])),
    ("non-iterable *", lambda: f(*5)),
    ("builtin wrong count", lambda: len()),
    ("ok call", lambda: f(1, 2)),
]
for name, t in tests:
    try:
        r = t()
        print(name, "->", r)
    except TypeError as e:
        print(name, "->", type(e).__name__)
