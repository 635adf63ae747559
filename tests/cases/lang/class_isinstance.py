# isinstance with classes, tuples of classes, builtins and subclasses
class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, B), isinstance(b, A), isinstance(b, C), isinstance(b, object))
print(isinstance(b, (C, A)), isinstance(b, (C, int)), isinstance(b, ()))
print(isinstance(b, (C, (int, B))))
print(isinstance(1, int), isinstance(True, int), isinstance(1, bool), isinstance(1.0, (int, float)))
print(isinstance("s", str), isinstance(b"s", (str, bytes)), isinstance([], list), isinstance((), tuple))
print(isinstance({}, dict), isinstance(set(), set), isinstance(None, type(None)))
print(isinstance(A, type), isinstance(int, type), isinstance(b, type))
print(isinstance(len, object), isinstance(print, type))
try:
    isinstance(b, "A")
except TypeError as e:
    print("bad classinfo:", type(e).__name__)
