# subclassing str and tuple for common uses
class Tag(str):
    def wrap(self):
        return "<" + self + ">"
t = Tag("b")
print(t, t.wrap(), t.upper(), isinstance(t, str), len(t), t == "b")
class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    def first(self):
        return self[0]
    def swap(self):
        return Pair(self[1], self[0])
p = Pair(1, 2)
print(p, p.first(), p.swap(), len(p), p + (3,), isinstance(p, tuple))
a, b = p
print(a, b, {p: "key"}[(1, 2)])
