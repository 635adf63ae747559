# builtins: getattr/setattr/hasattr/delattr on instances and classes
class Obj:
    cls_attr = "class"
o = Obj()
setattr(o, "x", 10)
print(o.x, getattr(o, "x"), getattr(o, "y", "default"), hasattr(o, "x"), hasattr(o, "y"))
print(getattr(o, "cls_attr"), hasattr(Obj, "cls_attr"))
delattr(o, "x")
print(hasattr(o, "x"))
try:
    getattr(o, "missing")
except AttributeError:
    print("AttributeError")
try:
    delattr(o, "missing")
except AttributeError:
    print("AttributeError del")
name = "dyn"
setattr(Obj, name, 5)
print(o.dyn, getattr(Obj, "dyn"))
print(getattr("abc", "upper")(), getattr([1, 2], "count")(1))
