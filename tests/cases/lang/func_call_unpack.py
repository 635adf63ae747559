# calling with *iterable and **mapping mixed with explicit arguments
def f(a, b, c, d=4, **kw):
    return a, b, c, d, kw
args = (1, 2)
kwargs = {"c": 3, "e": 5}
print(f(*args, **kwargs))
print(f(*args, 30, **{"d": 40}))
print(f(0, *[1], c=2))
print(f(*"xyz"))
print(f(*range(4)))
print(f(**{"a": "A", "b": "B", "c": "C"}))
def gen():
    yield 7
    yield 8
    yield 9
print(f(*gen()))
print(f(*args, *[3], d=9, z=0))
class Mapping:
    def keys(self):
        return ["a", "b", "c"]
    def __getitem__(self, k):
        return k * 2
print(f(**Mapping()))
