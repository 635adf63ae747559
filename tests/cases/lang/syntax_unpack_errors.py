# unpacking mismatches raise ValueError, non-iterables raise TypeError
cases = [
    lambda: exec("a, b = [1, 2, 3]"),
    lambda: exec("a, b, c = [1, 2]"),
    lambda: exec("a, = []"),
    lambda: exec("a, *b, c = 'x'"),
    lambda: exec("a, b = 1"),
    lambda: exec("a, b = None"),
]
for i, c in enumerate(cases):
    try:
        c()
        print(i, "ok")
    except (ValueError, TypeError) as e:
        print('i:', i)
        print('type(e).__name__:', type(e).__name__)
def gen():
    yield 1
    yield 2
    yield 3
try:
    x, y = gen()
except ValueError as e:
    print("gen too many:", type(e).__name__)
x, y, z = gen()
print('x:', x)
print('y:', y)
print('z:', z)
def unpack(seq):
    try:
        a, b = seq
        return a, b
    except ValueError:
        return "bad length"
print('unpack("ab"):', unpack("ab"))
print('unpack("abc"):', unpack("abc"))
print('unpack({1: 2, 3: 4}):', unpack({1: 2, 3: 4}))
