# subclassing int: value behaviour, extra methods, overridden operators
class Even(int):
    def is_big(self):
        return self > 100
e = Even(42)
print(e, e + 1, e * 2, e.is_big(), isinstance(e, int), type(e).__name__)
print(type(e + 1).__name__, e == 42, hash(e) == hash(42), [0] * 3 == [0] * Even(3))
class Meters(int):
    def __repr__(self):
        return "%dm" % int(self)
    def __add__(self, other):
        return Meters(int(self) + int(other))
m = Meters(5) + Meters(7)
print(repr(m), type(m).__name__, int(m), m > 10)
class Flag(int):
    def __new__(cls, v, name):
        obj = super().__new__(cls, v)
        obj.name = name
        return obj
f = Flag(4, "four")
print(f, f.name, f | 1)
