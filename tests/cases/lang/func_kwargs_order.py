# **kwargs preserves the order keywords were passed in
def f(**kw):
    return list(kw)
print(f(z=1, a=2, m=3))
print(f(**{"b": 1, "a": 2}, c=3))
def g(*args, **kw):
    return " ".join("%s=%s" % item for item in kw.items())
print(g(x=1, y=2, w=3))
print(dict(b=1, a=2))
