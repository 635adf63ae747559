# dict comprehensions: building, inverting, filtering, later keys win
print({x: x * x for x in range(5)})
d = {"a": 1, "b": 2, "c": 3}
print({v: k for k, v in d.items()})
print({k: v for k, v in d.items() if v % 2})
print({k.upper(): v * 10 for k, v in sorted(d.items(), reverse=True)})
print({x % 3: x for x in range(10)})
print({c: "abc".index(c) for c in "cab"})
print({i: [j for j in range(i)] for i in range(4)})
keys = ["x", "y"]
vals = [1, 2]
print({k: v for k, v in zip(keys, vals)})
