# property setter and deleter via decorators and via property()
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273:
            raise ValueError("too cold")
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None
t = Temp()
t.celsius = 25
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("rejected:", e)
print(t.celsius)
del t.celsius
print(t.celsius)
class Old:
    def __init__(self):
        self._x = 1
    def getx(self):
        return self._x
    def setx(self, v):
        self._x = v * 10
    def delx(self):
        del self._x
    x = property(getx, setx, delx)
o = Old()
o.x = 3
print(o.x)
del o.x
print(hasattr(o, "_x"))
