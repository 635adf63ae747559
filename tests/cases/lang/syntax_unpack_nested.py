# nested tuple/list unpacking in assignment and for loops
(a, b), c = (1, 2), 3
print('a:', a)
print('b:', b)
print('c:', c)
a, (b, (c, d)) = 1, (2, (3, 4))
print('a:', a)
print('b:', b)
print('c:', c)
print('d:', d)
[a, [b, c]] = "x", "yz"
print('a:', a)
print('b:', b)
print('c:', c)
(a, *b), (c, *d) = [1, 2, 3], "hey"
print('a:', a)
print('b:', b)
print('c:', c)
print('d:', d)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print('i:', i)
    print('k:', k)
    print('v:', v)
points = [((0, 0), "origin"), ((1, 2), "p")]
for (x, y), name in points:
    print('name:', name)
    print('x + y:', x + y)
try:
    (a, b), c = (1, 2, 3), 4
except ValueError as e:
    print("nested mismatch:", type(e).__name__)
try:
    a, b = 5
except TypeError as e:
    print("not iterable:", type(e).__name__)
