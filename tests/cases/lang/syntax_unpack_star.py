# starred assignment targets in various positions
a, *b, c = [1, 2, 3, 4, 5]
print(a, b, c)
*a, b = "xyz"
print(a, b)
a, *b = (1,)
print(a, b)
a, *b, c = 1, 2
print(a, b, c)
*a, = range(3)
print(a)
[a, *b] = iter([9, 8, 7])
print(a, b)
for first, *rest in [(1, 2, 3), (4,), "ab"]:
    print(first, rest)
x, *y, z = {"k1": 1, "k2": 2, "k3": 3}
print(x, y, z)
head, *tail = [n * n for n in range(5)]
print(head, tail, type(tail).__name__)
try:
    a, *b, c = [1]
except ValueError as e:
    print("too few:", type(e).__name__)
print([*range(3), *"ab"], (*[1, 2], 3), {*[1, 1, 2]} == {1, 2})
