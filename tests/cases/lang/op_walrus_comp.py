# walrus inside comprehension conditions binds in the enclosing scope
def f(x):
    return x * x - 10
vals = [y for x in range(6) if (y := f(x)) > 0]
print(vals, "last y", y)
pairs = [(x, sq) for x in range(5) if (sq := x * x) % 2 == 0]
print('pairs:', pairs)
print('sq:', sq)
def inner():
    res = [last := i for i in range(4)]
    return res, last
print(inner())
print('any((hit := c) == "l" for c in "hello"):', any((hit := c) == "l" for c in "hello"))
print('hit:', hit)
total = 0
sums = [total := total + i for i in range(1, 6)]
print('sums:', sums)
print('total:', total)
