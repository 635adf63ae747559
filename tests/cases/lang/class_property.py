# read-only and computed properties
class Circle:
    def __init__(self, r):
        self._r = r
    @property
    def radius(self):
        return self._r
    @property
    def diameter(self):
        return self._r * 2
c = Circle(5)
print('c.radius:', c.radius)
print('c.diameter:', c.diameter)
c._r = 7
print('c.radius:', c.radius)
print('c.diameter:', c.diameter)
try:
    c.radius = 10
except AttributeError as e:
    print("read-only:", type(e).__name__)
print(type(Circle.radius).__name__)
class Lazy:
    def __init__(self):
        self.computed = 0
    @property
    def value(self):
        self.computed += 1
        return 42
l = Lazy()
print('l.value:', l.value)
print('l.value:', l.value)
print('l.computed:', l.computed)
