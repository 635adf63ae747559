# starred assignment targets in various positions
a, *b, c = [1, 2, 3, 4, 5]
print('a:', a)
print('b:', b)
print('c:', c)
*a, b = "xyz"
print('a:', a)
print('b:', b)
a, *b = (1,)
print('a:', a)
print('b:', b)
a, *b, c = 1, 2
print('a:', a)
print('b:', b)
print('c:', c)
*a, = range(3)
print(a)
[a, *b] = iter([9, 8, 7])
print('a:', a)
print('b:', b)
for first, *rest in [(1, 2, 3), (4,), "ab"]:
    print('first:', first)
    print('rest:', rest)
x, *y, z = {"k1": 1, "k2": 2, "k3": 3}
print('x:', x)
print('y:', y)
print('z:', z)
head, *tail = [n * n for n in range(5)]
print('head:', head)
print('tail:', tail)
print('type(tail).__name__:', type(tail).__name__)
try:
    a, *b, c = [1]
except ValueError as e:
    print("too few:", type(e).__name__)
print('[*range(3), *"ab"]:', [*range(3), *"ab"])
print('(*[1, 2], 3):', (*[1, 2], 3))
print('{*[1, 1, 2]} == {1, 2}:', {*[1, 1, 2]} == {1, 2})
