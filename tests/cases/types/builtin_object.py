# builtins: object() instances, equality by identity, class inheritance from object
a = object()
b = object()
print(a == a, a == b, a is a, a is b, a != b)
print(type(a).__name__, isinstance(a, object))
class C(object):
    pass
print(issubclass(C, object), isinstance(C(), object))
sentinel = object()
d = {sentinel: "found"}
print(d[sentinel])
try:
    a.attr = 1
except AttributeError:
    print("AttributeError")
