# **kwargs collects extra keyword arguments into a fresh dict
def f(**kw):
    return kw
print('f():', f())
print('f(a=1):', f(a=1))
print('f(b=2, a=1):', f(b=2, a=1))
d = {"x": 1}
r = f(**d)
r["y"] = 2
print('d:', d)
print('r:', r)
print('r is d:', r is d)
def g(a, **kw):
    return a, sorted(kw.items())
print('g(1, b=2, c=3):', g(1, b=2, c=3))
print('g(a=0):', g(a=0))
print('g(**{"a": 5, "z": 6}):', g(**{"a": 5, "z": 6}))
def h(*args, **kwargs):
    return args, kwargs
print(h(1, 2, x=3))
print(h(*(1,), **{"k": "v"}))
def forward(*a, **k):
    return g(*a, **k)
print(forward(10, q=1))
print(f(**{"weird key": 1}))
