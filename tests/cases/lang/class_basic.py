# class definition, instantiation, attributes and methods
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def dist2(self):
        return self.x ** 2 + self.y ** 2
    def move(self, dx, dy):
        self.x += dx
        self.y += dy
        return self
p = Point(3, 4)
print('p.x:', p.x)
print('p.y:', p.y)
print('p.dist2():', p.dist2())
p.move(1, 1).move(1, 1)
print('p.x:', p.x)
print('p.y:', p.y)
p.label = "added later"
print(p.label)
print('type(p).__name__:', type(p).__name__)
print('type(p) is Point:', type(p) is Point)
print('isinstance(p, Point):', isinstance(p, Point))
q = Point(0, 0)
print('hasattr(q, "label"):', hasattr(q, "label"))
print('getattr(q, "label", "default"):', getattr(q, "label", "default"))
setattr(q, "z", 9)
print(q.z)
print(Point.dist2(p))
class Empty:
    pass
e = Empty()
print('type(e).__name__:', type(e).__name__)
print('type(Empty).__name__:', type(Empty).__name__)
