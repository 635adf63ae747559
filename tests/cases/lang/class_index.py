# __index__ lets custom objects be used as sequence indices and in bin/hex
class Idx:
    def __init__(self, i):
        self.i = i
    def __index__(self):
        return self.i
lst = ["a", "b", "c", "d"]
print('lst[Idx(1)]:', lst[Idx(1)])
print('lst[Idx(-1)]:', lst[Idx(-1)])
print('"xyz"[Idx(2)]:', "xyz"[Idx(2)])
print('bin(Idx(5)):', bin(Idx(5)))
print('hex(Idx(255)):', hex(Idx(255)))
print('oct(Idx(8)):', oct(Idx(8)))
print(lst[Idx(1):Idx(3)])
print(range(10)[Idx(4)])
try:
    lst[1.0]
except TypeError as e:
    print("float index:", type(e).__name__)
