# classmethods receive the class, including when called via subclass or instance
class Shape:
    count = 0
    def __init__(self, name):
        self.name = name
    @classmethod
    def create(cls, name):
        cls.count += 1
        return cls(name)
    @classmethod
    def kind(cls):
        return cls.__name__
class Square(Shape):
    pass
s = Shape.create("s1")
q = Square.create("q1")
print('type(s).__name__:', type(s).__name__)
print('type(q).__name__:', type(q).__name__)
print('s.name:', s.name)
print('q.name:', q.name)
print('Shape.count:', Shape.count)
print('Square.count:', Square.count)
print('Shape.kind():', Shape.kind())
print('Square.kind():', Square.kind())
print('q.kind():', q.kind())
class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def from_string(cls, s):
        y, m, d = map(int, s.split("-"))
        return cls(y, m, d)
d = Date.from_string("2024-03-15")
print('d.y:', d.y)
print('d.m:', d.m)
print('d.d:', d.d)
