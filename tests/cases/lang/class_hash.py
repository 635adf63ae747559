# __hash__ with __eq__ lets instances be dict keys and set members
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k
    def __hash__(self):
        return hash(self.k)
    def __repr__(self):
        return "Key(%r)" % self.k
d = {Key(1): "one", Key(2): "two"}
print('d[Key(1)]:', d[Key(1)])
print('Key(2) in d:', Key(2) in d)
print('Key(3) in d:', Key(3) in d)
s = {Key(1), Key(1), Key(2)}
print(len(s))
class EqOnly:
    def __eq__(self, other):
        return True
try:
    {EqOnly()}
except TypeError as e:
    print("unhashable:", type(e).__name__)
class Plain:
    pass
p = Plain()
print('{p: 1}[p]:', {p: 1}[p])
print('hash(p) == hash(p):', hash(p) == hash(p))
class Const:
    def __hash__(self):
        return 7
print('hash(Const()):', hash(Const()))
print('hash(5):', hash(5))
print('hash(-1) == hash(-1):', hash(-1) == hash(-1))
print('hash((1, 2)) == hash((1, 2)):', hash((1, 2)) == hash((1, 2)))
try:
    hash([1])
except TypeError as e:
    print("list unhashable:", type(e).__name__)
