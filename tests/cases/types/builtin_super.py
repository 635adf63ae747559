# builtins: super() in methods, __init__ chaining and multi-level inheritance
class Base:
    def __init__(self, x):
        self.x = x
    def describe(self):
        return "Base(%d)" % self.x
class Mid(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def describe(self):
        return "Mid<" + super().describe() + ">"
class Leaf(Mid):
    def describe(self):
        return "Leaf[" + super().describe() + "]"
l = Leaf(1, 2)
print(l.x, l.y)
print(l.describe())
print(Mid(5, 6).describe())
class Explicit(Base):
    def describe(self):
        return "E:" + super(Explicit, self).describe()
print(Explicit(9).describe())
