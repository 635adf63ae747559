# classes nested inside classes and functions
class Outer:
    class Inner:
        value = "inner"
        def hello(self):
            return "Inner.hello"
    def make(self):
        return self.Inner()
o = Outer()
print('Outer.Inner.value:', Outer.Inner.value)
print('o.make().hello():', o.make().hello())
print('type(o.make()).__name__:', type(o.make()).__name__)
def factory(base_value):
    class Local:
        value = base_value
        def get(self):
            return self.value
    return Local
L1 = factory(1)
L2 = factory(2)
print('L1().get():', L1().get())
print('L2().get():', L2().get())
print('L1 is L2:', L1 is L2)
print('L1.__name__:', L1.__name__)
class Tree:
    class Node:
        def __init__(self, v, *kids):
            self.v, self.kids = v, kids
        def total(self):
            return self.v + sum(k.total() for k in self.kids)
    def __init__(self):
        N = Tree.Node
        self.root = N(1, N(2), N(3, N(4)))
print(Tree().root.total())
