# __getitem__ with ints, slices, keys; IndexError ends iteration
class Squares:
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(10))]
        if i >= 10:
            raise IndexError(i)
        if i < 0:
            i += 10
        return i * i
s = Squares()
print('s[3]:', s[3])
print('s[-1]:', s[-1])
print('s[2:5]:', s[2:5])
print('s[::4]:', s[::4])
print(list(s))
print('4 in s:', 4 in s)
print('5 in s:', 5 in s)
class Grid:
    def __getitem__(self, key):
        r, c = key
        return r * 10 + c
g = Grid()
print('g[1, 2]:', g[1, 2])
print('g[3, 4]:', g[3, 4])
class Default(dict):
    def __getitem__(self, k):
        return dict.get(self, k, "default")
d = Default(a=1)
print('d["a"]:', d["a"])
print('d["zz"]:', d["zz"])
try:
    s[20]
except IndexError as e:
    print("IndexError", e)
