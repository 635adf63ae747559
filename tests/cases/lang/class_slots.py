# classes declaring __slots__ still work for the declared attributes
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def total(self):
        return self.x + self.y
p = P(1, 2)
print('p.x:', p.x)
print('p.y:', p.y)
print('p.total():', p.total())
p.x = 10
print(p.total())
class Q(P):
    __slots__ = ["z"]
    def __init__(self):
        super().__init__(3, 4)
        self.z = 5
q = Q()
print('q.x:', q.x)
print('q.y:', q.y)
print('q.z:', q.z)
print('q.total():', q.total())
print('P.__slots__:', P.__slots__)
print('Q.__slots__:', Q.__slots__)
