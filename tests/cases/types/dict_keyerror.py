# dict: KeyError for missing keys, unhashable key TypeError, in/not in
d = {"a": 1, 2: "two", (1, 2): "t"}
print(d["a"], d[2], d[(1, 2)])
try:
    d["missing"]
except KeyError:
    print("KeyError")
try:
    del d["missing"]
except KeyError:
    print("KeyError del")
try:
    d[[1]] = 1
except TypeError:
    print("TypeError")
print("a" in d, "b" in d, 2 not in d)
print(issubclass(KeyError, LookupError))
