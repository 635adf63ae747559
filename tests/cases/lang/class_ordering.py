# rich comparisons __lt__/__le__/__gt__/__ge__, reflection, and sorting
class Ver:
    def __init__(self, *parts):
        self.parts = parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __le__(self, other):
        return self.parts <= other.parts
    def __eq__(self, other):
        return self.parts == other.parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
a, b = Ver(1, 2), Ver(1, 10)
print('a < b:', a < b)
print('a <= b:', a <= b)
print('a > b:', a > b)
print('a >= b:', a >= b)
print('b > a:', b > a)
vs = [Ver(2, 0), Ver(1, 10), Ver(1, 2), Ver(0, 9)]
print('sorted(vs):', sorted(vs))
print('min(vs):', min(vs))
print('max(vs):', max(vs))
vs.sort(reverse=True)
print(vs)
class OnlyLt:
    def __init__(self, n):
        self.n = n
    def __lt__(self, other):
        return self.n < other.n
print('OnlyLt(1) > OnlyLt(0):', OnlyLt(1) > OnlyLt(0))
print('OnlyLt(5) > OnlyLt(9):', OnlyLt(5) > OnlyLt(9))
try:
    OnlyLt(1) <= OnlyLt(2)
except TypeError as e:
    print("no __le__:", type(e).__name__)
