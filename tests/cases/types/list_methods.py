# list: append/extend/insert/remove/count/index/clear/copy
l = [1, 2, 3]
l.append(4)
l.extend([5, 6])
l.extend((7,))
l.extend(range(8, 10))
print(l)
l.insert(0, 0)
l.insert(-1, "x")
l.insert(100, "end")
print(l)
l.remove("x")
print(l, l.count(1), l.count(42))
print(l.index(5), l.index(9, 2), l.index(3, 0, 5))
c = l.copy()
c.append("copy only")
print(len(l), len(c))
l.clear()
print(l, c[-1])
m = [1, 2, 1, 2, 1]
m.remove(1)
print(m)
try:
    m.remove(99)
except ValueError:
    print("ValueError remove")
