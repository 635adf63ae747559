# list: nested lists and aliasing (shared references vs copies)
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
bad = [[0] * 3] * 3
bad[0][0] = 7
print(bad)
a = [1, 2]
b = a
b.append(3)
print(a, a is b)
c = list(a)
c.append(4)
print(a, c, a is c)
outer = [a, a]
a.append("shared")
print(outer)
m = [[1, 2], [3, 4]]
t = [list(r) for r in zip(*m)]
print(t)
self_ref = [1]
self_ref.append(self_ref)
print(len(self_ref), self_ref[1] is self_ref)
