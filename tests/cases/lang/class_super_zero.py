# zero-argument super() in methods, __init__, classmethods and properties
class Base:
    def __init__(self, x):
        self.x = x
    def describe(self):
        return "Base(%d)" % self.x
    @classmethod
    def make(cls):
        return cls.__name__ + " made"
class Child(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def describe(self):
        return "Child<" + super().describe() + ", y=%d>" % self.y
    @classmethod
    def make(cls):
        return "child: " + super().make()
class GrandChild(Child):
    def describe(self):
        return "Grand{" + super().describe() + "}"
c = GrandChild(1, 2)
print('c.x:', c.x)
print('c.y:', c.y)
print(c.describe())
print('Child.make():', Child.make())
print('GrandChild.make():', GrandChild.make())
class Greeter:
    def __init__(self):
        super().__init__()
        self.ready = True
    def hello(self):
        def inner():
            return "inner sees " + type(self).__name__
        return str(self.ready) + " / " + inner()
print(Greeter().hello())
