# frozenset: immutable, hashable (dict key / set member), operators with set
f = frozenset([1, 2, 3, 2])
print(sorted(f), len(f), 2 in f, type(f).__name__)
d = {frozenset([1, 2]): "pair"}
print(d[frozenset([2, 1])])
s = {frozenset([1]), frozenset([1]), frozenset([2])}
print(len(s))
print(sorted(f | {9}), sorted(f & {1, 2}), sorted(f - {1}))
print(f == {1, 2, 3}, frozenset() == frozenset())
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
try:
    f.add(4)
except AttributeError:
    print("AttributeError")
print(f.issubset({1, 2, 3, 4}), sorted(f.union([0])))
