# subclassing str and tuple for common uses
class Tag(str):
    def wrap(self):
        return "<" + self + ">"
t = Tag("b")
print('t:', t)
print('t.wrap():', t.wrap())
print('t.upper():', t.upper())
print('isinstance(t, str):', isinstance(t, str))
print('len(t):', len(t))
print('t == "b":', t == "b")
class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    def first(self):
        return self[0]
    def swap(self):
        return Pair(self[1], self[0])
p = Pair(1, 2)
print('p:', p)
print('p.first():', p.first())
print('p.swap():', p.swap())
print('len(p):', len(p))
print('p + (3,):', p + (3,))
print('isinstance(p, tuple):', isinstance(p, tuple))
a, b = p
print('a:', a)
print('b:', b)
print('{p: "key"}[(1, 2)]:', {p: "key"}[(1, 2)])
