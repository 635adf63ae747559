# array: typecodes, range checks, methods, slices, comparisons, repr
import array
from array import array as A
print(A("i").itemsize, A("d").itemsize, A("h", [1]).typecode)
for tc, v in (("b", 128), ("b", -129), ("B", 256), ("B", -1), ("h", 2 ** 15), ("H", -1), ("i", 2 ** 31), ("I", -1), ("I", 2 ** 32), ("q", 2 ** 63), ("Q", -1), ("Q", 2 ** 64)):
    try:
        A(tc, [v])
    except OverflowError as e:
        print(tc, "OverflowError", e)
for bad in (("i", [1.5]), ("f", ["x"]), ("i", "abc")):
    try:
        A(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    A("z")
except ValueError as e:
    print("ValueError", e)
a = A("i", range(10))
print(a[2:5], a[::3], a[::-1], a[-3:])
a[1:3] = A("i", [70, 80, 90])
print(a, len(a))
del a[0]
del a[::2]
print(a)
a.insert(0, -1); a.insert(100, 99)
print(a, a.pop(), a.pop(0), a.index(80), a.count(80), 80 in a, 1000 in a)
a.remove(80); a.reverse()
print(a, a.tolist())
b = A("H", [1, 2]) + A("H", [3])
b += A("H", [4])
print(b, b * 2, 2 * A("b", [5]))
b.byteswap()
print(b.tobytes())
c = A("B")
c.frombytes(b"\x01\x02"); c.fromlist([3])
print(c, A("Q", [2 ** 64 - 1]), A("q", [-2 ** 63]))
print(A("i", [1, 2]) == A("i", [1, 2]), A("i", [1, 2]) == A("d", [1.0, 2.0]), A("i", [1]) < A("i", [2]), A("i") != A("i", [0]))
print(A("i", [1, 2]) == [1, 2], repr(A("f")), A("d", [0.1, -0.0]), A("f", [0.1]))
print(A("i", A("b", [1, 2])), A("h", b"\x01\x00\x02\x00"))
try:
    a[100]
except IndexError as e:
    print("IndexError", e)
try:
    a[0:1] = [1]
except TypeError as e:
    print("TypeError", e)
print(type(a), type(a).__name__, isinstance(a, array.array))
x = A("i", [3, 1, 2])
print(sorted(x), list(reversed(x)), max(x), bytes(A("h", [258])))
