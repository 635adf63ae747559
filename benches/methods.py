# Method calls and attribute access on instances: small classes, inheritance, super(),
# properties, bound methods.


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scale(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y


class Counter:
    def __init__(self):
        self.count = 0

    def incr(self, by=1):
        self.count += by
        return self


class Shape:
    def __init__(self, name):
        self.name = name

    def area(self):
        return 0

    def describe(self):
        return self.area() + len(self.name)


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"

    @property
    def side(self):
        return self.w


def run():
    acc = Vec(0, 0)
    step = Vec(1, 2)
    c = Counter()
    for i in range(500000):
        acc = acc.add(step.scale(i % 5))
        c.incr().incr(2)
    shapes = [Rect(i % 7 + 1, i % 5 + 1) if i % 2 else Square(i % 9 + 1) for i in range(5000)]
    total = 0
    for _ in range(80):
        for s in shapes:
            total += s.describe()
    sides = 0
    for s in shapes:
        if isinstance(s, Square):
            sides += s.side
    inc = c.incr
    for _ in range(100000):
        inc()
    return acc.x, acc.y, acc.dot(step), c.count, total, sides


print("checksum", run())
