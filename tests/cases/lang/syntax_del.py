# del of names, list items, slices, dict keys, attributes and multiple targets
x = 1
del x
try:
    x
except NameError as e:
    print("name gone:", type(e).__name__)
lst = list(range(10))
del lst[0]
print(lst)
del lst[-1]
print(lst)
del lst[1:3]
print(lst)
del lst[::2]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError", e)
class C:
    pass
c = C()
c.attr = 5
del c.attr
print(hasattr(c, "attr"))
try:
    del c.attr
except AttributeError as e:
    print("attr del:", type(e).__name__)
a, b = 1, 2
del a, b
print('"a" in globals():', "a" in globals())
print('"b" in globals():', "b" in globals())
m = [[1, 2], [3, 4]]
del m[0][1], m[1]
print(m)
def f():
    y = 1
    del y
    try:
        return y
    except NameError as e:
        return type(e).__name__
print(f())
