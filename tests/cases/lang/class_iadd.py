# in-place operators __iadd__/__isub__/__imul__ and fallback to __add__
class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, x):
        self.items.append(x)
        return self
    def __isub__(self, x):
        self.items.remove(x)
        return self
    def __imul__(self, n):
        self.items = self.items * n
        return self
a = Acc()
orig = a
a += 1
a += 2
a -= 1
a *= 3
print('a.items:', a.items)
print('a is orig:', a is orig)
class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        print("__add__ used")
        return OnlyAdd(self.v + o)
b = OnlyAdd(1)
old = b
b += 10
print('b.v:', b.v)
print('b is old:', b is old)
print('old.v:', old.v)
class Weird:
    def __iadd__(self, x):
        return "replaced"
w = Weird()
w += 1
print(w)
