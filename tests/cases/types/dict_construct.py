# dict: constructors from keywords, pairs, zip and other dicts
print(dict(a=1, b=2))
print(dict([("x", 1), ("y", 2)]))
print(dict(zip("abc", range(3))))
print(dict({"k": "v"}, extra=1))
print(dict(), {})
keys = ["one", "two"]
vals = [1, 2]
print(dict(zip(keys, vals)))
print({1: "a", 1.0: "b"}, {True: "t", 1: "one"})
print({"a": 1, "a": 2})
