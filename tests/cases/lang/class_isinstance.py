# isinstance with classes, tuples of classes, builtins and subclasses
class A: pass
class B(A): pass
class C: pass
b = B()
print('isinstance(b, B):', isinstance(b, B))
print('isinstance(b, A):', isinstance(b, A))
print('isinstance(b, C):', isinstance(b, C))
print('isinstance(b, object):', isinstance(b, object))
print('isinstance(b, (C, A)):', isinstance(b, (C, A)))
print('isinstance(b, (C, int)):', isinstance(b, (C, int)))
print('isinstance(b, ()):', isinstance(b, ()))
print(isinstance(b, (C, (int, B))))
print('isinstance(1, int):', isinstance(1, int))
print('isinstance(True, int):', isinstance(True, int))
print('isinstance(1, bool):', isinstance(1, bool))
print('isinstance(1.0, (int, float)):', isinstance(1.0, (int, float)))
print('isinstance("s", str):', isinstance("s", str))
print('isinstance(b"s", (str, bytes)):', isinstance(b"s", (str, bytes)))
print('isinstance([], list):', isinstance([], list))
print('isinstance((), tuple):', isinstance((), tuple))
print('isinstance({}, dict):', isinstance({}, dict))
print('isinstance(set(), set):', isinstance(set(), set))
print('isinstance(None, type(None)):', isinstance(None, type(None)))
print('isinstance(A, type):', isinstance(A, type))
print('isinstance(int, type):', isinstance(int, type))
print('isinstance(b, type):', isinstance(b, type))
print('isinstance(len, object):', isinstance(len, object))
print('isinstance(print, type):', isinstance(print, type))
try:
    isinstance(b, "A")
except TypeError as e:
    print("bad classinfo:", type(e).__name__)
