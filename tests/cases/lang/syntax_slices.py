# slice syntax: defaults, negatives, steps, slice objects
s = "abcdefghij"
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3], s[-5:-2])
print(s[::2], s[1::3], s[::-1], s[8:2:-2], s[-1:-4:-1])
print(s[100:], s[-100:2], s[5:2], s[3:3])
l = list(range(8))
print(l[1:6:2], l[::-3], l[slice(2, 5)], l[slice(None, None, -2)])
sl = slice(1, 7, 2)
print(sl.start, sl.stop, sl.step, l[sl])
print((1, 2, 3, 4)[1:3], b"bytes"[1:-1])
class Show:
    def __getitem__(self, k):
        return k
sh = Show()
print(sh[1:2], sh[::3], sh[1:2, 3], sh[...])
print(sh[:, 1])
