# collections: namedtuple creation, field access, indexing, repr, equality with tuples
from collections import namedtuple
Point = namedtuple("Point", ("x", "y"))
p = Point(1, 2)
print(p, p.x, p.y, p[0], p[1], len(p))
print(repr(Point(x=3, y=4)), Point(5, y=6))
x, y = p
print(x + y)
print(p == (1, 2), p == Point(1, 2), p != Point(2, 1))
print(isinstance(p, tuple), list(p), p[-1], p[:1])
try:
    p.x = 10
except AttributeError:
    print("AttributeError")
Person = namedtuple("Person", "name age")
print(Person("Ann", 30), Person("Bob", age=5).age)
print(type(p).__name__)
