# dict: comprehensions with conditions and transformations
print({x: x * x for x in range(5)})
print({k: v for k, v in zip("abc", [1, 2, 3]) if v != 2})
d = {"a": 1, "b": 2}
print({v: k for k, v in d.items()})
print({w: len(w) for w in "a bb ccc".split()})
print({i % 3: i for i in range(10)})
