# tuple: unpacking, starred unpacking, swapping and nested unpacking
a, b, c = (1, 2, 3)
print(a, b, c)
a, b = b, a
print(a, b)
first, *rest = (1, 2, 3, 4)
print(first, rest)
*init, last = [1, 2, 3]
print(init, last)
x, (y, z) = 1, (2, 3)
print(x, y, z)
h, *m, t = "abcde"
print(h, m, t)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
try:
    p, q = (1, 2, 3)
except ValueError:
    print("ValueError too many")
try:
    p, q, r = (1, 2)
except ValueError:
    print("ValueError too few")
