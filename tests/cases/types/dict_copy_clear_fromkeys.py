# dict: copy (shallow), clear and fromkeys
d = {"a": [1], "b": 2}
c = d.copy()
c["b"] = 20
c["a"].append(2)
print(d, c)
print(dict.fromkeys(["x", "y"]))
print(dict.fromkeys("ab", 0))
print(dict.fromkeys(range(3), "v"))
c.clear()
print(c, len(c), d)
