# subclassing int: value behaviour, extra methods, overridden operators
class Even(int):
    def is_big(self):
        return self > 100
e = Even(42)
print('e:', e)
print('e + 1:', e + 1)
print('e * 2:', e * 2)
print('e.is_big():', e.is_big())
print('isinstance(e, int):', isinstance(e, int))
print('type(e).__name__:', type(e).__name__)
print('type(e + 1).__name__:', type(e + 1).__name__)
print('e == 42:', e == 42)
print('hash(e) == hash(42):', hash(e) == hash(42))
print('[0] * 3 == [0] * Even(3):', [0] * 3 == [0] * Even(3))
class Meters(int):
    def __repr__(self):
        return "%dm" % int(self)
    def __add__(self, other):
        return Meters(int(self) + int(other))
m = Meters(5) + Meters(7)
print('repr(m):', repr(m))
print('type(m).__name__:', type(m).__name__)
print('int(m):', int(m))
print('m > 10:', m > 10)
class Flag(int):
    def __new__(cls, v, name):
        obj = super().__new__(cls, v)
        obj.name = name
        return obj
f = Flag(4, "four")
print('f:', f)
print('f.name:', f.name)
print('f | 1:', f | 1)
