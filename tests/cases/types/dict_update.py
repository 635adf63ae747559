# dict: update from dict, iterable of pairs and keywords
d = {"a": 1}
d.update({"b": 2, "a": 10})
print(d)
d.update([("c", 3), ("d", 4)])
print(d)
d.update(e=5)
print(d)
d.update({})
print(len(d))
d2 = dict(d)
d2["a"] = "changed"
print(d["a"], d2["a"])
