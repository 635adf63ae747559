# star and double-star unpacking in calls, list/tuple/set/dict displays
def f(*args, **kwargs):
    return args, sorted(kwargs.items())
a = [1, 2]
b = (3,)
print(f(*a, *b))
print(f(0, *a, 9, *b))
print(f(**{"x": 1}, **{"y": 2}))
print(f(*a, k=1, **{"z": 3}))
print(f(*"hi", *range(2)))
print([*a, *b, *"cd"])
print((*a, *b))
print(sorted({*a, *b, 1}))
d1 = {"a": 1, "b": 2}
d2 = {"b": 20, "c": 30}
print({**d1, **d2})
print({**d2, **d1})
print({"z": 0, **d1, "a": 100})
print(dict(**d1, c=3))
print(*[1, 2, 3])
print(*[], "empty spread")
print(*"abc", sep="-")
try:
    f(**{"x": 1}, x=2)
except TypeError as e:
    print("duplicate kw:", type(e).__name__)
