# dict: pop with/without default, popitem until empty, KeyError
d = {"a": 1, "b": 2, "c": 3}
print(d.pop("b"), d)
print(d.pop("zz", "default"))
try:
    d.pop("zz")
except KeyError:
    print("KeyError pop")
items = []
while d:
    items.append(d.popitem())
print(sorted(items), d)
try:
    {}.popitem()
except KeyError:
    print("KeyError popitem")
