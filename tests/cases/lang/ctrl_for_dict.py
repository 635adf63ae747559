# iterating over dicts: keys, values, items in insertion order
d = {"one": 1, "two": 2, "three": 3}
for k in d:
    print("key", k)
for v in d.values():
    print("value", v)
for k, v in d.items():
    print('item k:', k)
    print('item v:', v)
d["zero"] = 0
print(list(d))
del d["two"]
d["two"] = 2
print(list(d.keys()))
for k in list(d):
    d["new_" + k] = d[k] * 10
print(d)
inv = {v: k for k, v in {"a": 1, "b": 2}.items()}
print(inv)
for k in sorted({"b": 1, "a": 2, "c": 0}):
    print("sorted", k)
