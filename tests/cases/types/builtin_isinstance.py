# builtins: isinstance/issubclass with classes, builtins and tuples
class A:
    pass
class B(A):
    pass
b = B()
print(isinstance(b, B), isinstance(b, A), isinstance(b, object), isinstance(A(), B))
print(issubclass(B, A), issubclass(A, B), issubclass(A, A), issubclass(B, object))
print(isinstance(1, int), isinstance(1, float), isinstance(1.0, (int, float)), isinstance("s", (list, tuple)))
print(isinstance(True, int), isinstance([], list), isinstance({}, dict), isinstance((), tuple))
print(issubclass(bool, (str, int)), issubclass(ValueError, Exception), issubclass(KeyError, (TypeError, LookupError)))
print(isinstance(None, type(None)), isinstance(int, type), isinstance(b, type))
try:
    isinstance(1, 2)
except TypeError:
    print("TypeError")
