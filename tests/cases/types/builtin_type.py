# builtins: type() of values, type comparisons and type names
for v in (1, 1.5, "s", b"b", [1], (1,), {1: 2}, {1}, None, True, 1j, range(1), bytearray(1)):
    print(type(v).__name__)
print(type(1) == int, type(1) is int, type(True) is bool, type(True) == int)
print(type("") is str, type([]) is not tuple)
class K:
    pass
print(type(K()) is K, type(K).__name__, K.__name__, type(K()).__name__)
print(type(int) is type, type(type) is type)
print(int, str, type(None))
