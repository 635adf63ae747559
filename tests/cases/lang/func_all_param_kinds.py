# a function combining positional-only, normal, *args, keyword-only and **kwargs
def f(p1, p2=2, /, n1=3, *args, k1, k2=6, **kw):
    return p1, p2, n1, args, k1, k2, sorted(kw.items())
print(f(1, k1=5))
print(f(1, 2, 3, 4, 5, k1=0))
print(f(1, n1=9, k1=1, k2=2, extra=3, p2=7))
print(f(*range(5), k1="k", **{"zz": 1}))
try:
    f(k1=1)
except TypeError as e:
    print("missing p1:", type(e).__name__)
