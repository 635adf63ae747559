# tuple: tuples are hashable and usable as dict keys / set members
d = {(0, 0): "origin", (1, 2): "p"}
print(d[(0, 0)], d[1, 2])
d[(0, 0)] = "again"
print(len(d), d[(0, 0)])
s = {(1, 2), (1, 2), (2, 1)}
print(len(s), sorted(s))
print(hash((1, 2)) == hash((1, 2)), hash((1, "a")) == hash((1, "a")))
print(hash((1,)) == hash((1.0,)))
try:
    hash((1, [2]))
except TypeError:
    print("TypeError unhashable")
try:
    {([1],): 1}
except TypeError:
    print("TypeError key")
