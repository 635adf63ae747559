# array: 'i' and 'B' arrays: construction, append, extend, indexing, slicing, len
from array import array
a = array("i", [1, 2, 3])
print(a, len(a), a[0], a[-1])
a.append(-4)
a.extend([5, 6])
print(a, len(a))
a[0] = 100
print(a[0], a[1:3], list(a))
print(sum(a), max(a), min(a))
b = array("B", [0, 255, 7])
print(b, b[1], len(b))
b.append(9)
print(list(b))
e = array("i")
print(e, len(e))
print(list(array("B", b"abc")))
for v in array("i", [10, 20]):
    print(v)
