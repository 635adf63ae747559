# generators as methods and as __iter__ of a class
class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children
    def __iter__(self):
        yield self.value
        for c in self.children:
            yield from c
    def leaves(self):
        if not self.children:
            yield self.value
        for c in self.children:
            yield from c.leaves()
t = Tree(1, Tree(2, Tree(4)), Tree(3, Tree(5), Tree(6)))
print('list(t):', list(t))
print('list(t.leaves()):', list(t.leaves()))
print('sum(t):', sum(t))
print('5 in t:', 5 in t)
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        n = self.n
        while n:
            yield n
            n -= 1
c = Countdown(3)
print('list(c):', list(c))
print('list(c):', list(c))
