# data descriptors with __get__/__set__ and non-data descriptors
class Typed:
    def __init__(self, name, kind):
        self.name = "_" + name
        self.kind = kind
    def __get__(self, obj, objtype=None):
        if obj is None:
            return "descriptor on " + objtype.__name__
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError("bad type")
        setattr(obj, self.name, value)
class Person:
    name = Typed("name", str)
    age = Typed("age", int)
    def __init__(self, name, age):
        self.name = name
        self.age = age
p = Person("ann", 30)
print('p.name:', p.name)
print('p.age:', p.age)
print('Person.name:', Person.name)
p.age = 31
print('p.age:', p.age)
print('sorted(p.__dict__):', sorted(p.__dict__))
try:
    p.age = "old"
except TypeError as e:
    print("rejected:", e)
class Const:
    def __get__(self, obj, objtype=None):
        return 99
class Holder:
    c = Const()
h = Holder()
print('h.c:', h.c)
print('Holder.c:', Holder.c)
h.__dict__["c"] = "instance wins over non-data"
print(h.c)
