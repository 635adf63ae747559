# binary arithmetic special methods on a vector class
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o): return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k): return Vec(self.x * k, self.y * k)
    def __truediv__(self, k): return Vec(self.x / k, self.y / k)
    def __floordiv__(self, k): return Vec(self.x // k, self.y // k)
    def __mod__(self, k): return Vec(self.x % k, self.y % k)
    def __pow__(self, k): return Vec(self.x ** k, self.y ** k)
    def __and__(self, o): return "and"
    def __or__(self, o): return "or"
    def __xor__(self, o): return "xor"
    def __lshift__(self, n): return "lshift %d" % n
    def __rshift__(self, n): return "rshift %d" % n
    def __repr__(self): return "Vec(%r, %r)" % (self.x, self.y)
a, b = Vec(1, 2), Vec(10, 20)
print('a + b:', a + b)
print('b - a:', b - a)
print('a * 3:', a * 3)
print('b / 4:', b / 4)
print('b // 3:', b // 3)
print('b % 3:', b % 3)
print('a ** 2:', a ** 2)
print('a & b:', a & b)
print('a | b:', a | b)
print('a ^ b:', a ^ b)
print('a << 2:', a << 2)
print('a >> 1:', a >> 1)
c = a
c += b
print('c:', c)
print('a:', a)
print('c is a:', c is a)
