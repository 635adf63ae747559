# list: reverse in place, reversed iterator and copies
l = [1, 2, 3, 4]
l.reverse()
print(l)
print(list(reversed(l)), l)
e = []
e.reverse()
print(e)
c = l.copy()
c.reverse()
print(l, c)
print(l[::-1] == c)
