# dict: keys/values/items views, iteration, len, membership, live updates
d = {"x": 1, "y": 2}
k = d.keys()
v = d.values()
it = d.items()
print(list(k), list(v), list(it), len(k))
print("x" in k, "z" in k, ("x", 1) in it)
d["z"] = 3
print(list(k), len(v))
for key, val in d.items():
    print(key, val)
for key in d:
    print("key", key)
print(sorted(d.values()))
print(sum(d.values()))
