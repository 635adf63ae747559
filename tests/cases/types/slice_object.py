# slice: slice objects used for subscripting, attributes
s = slice(1, 5, 2)
l = list(range(10))
print(l[s], "abcdefgh"[slice(2, 4)], (1, 2, 3)[slice(None, None, -1)])
print(s.start, s.stop, s.step)
t = slice(3)
print(t.start, t.stop, t.step, l[t])
print(l[slice(-3, None)])
class Grab:
    def __getitem__(self, key):
        return key
g = Grab()
k = g[1:2:3]
print(type(k).__name__, k.start, k.stop, k.step)
k = g[:5]
print(k.start, k.stop, k.step)
print(g[1, 2], g[...] is Ellipsis)
