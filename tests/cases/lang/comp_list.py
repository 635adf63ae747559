# list comprehensions: expressions, method calls, tuples, strings
print([x * 2 for x in range(5)])
print([c.upper() for c in "abc"])
print([(x, x ** 2) for x in range(4)])
print([len(w) for w in "the quick brown fox".split()])
print([str(i) + ":" + s for i, s in enumerate("xy")])
print([[0] * 2 for _ in range(3)])
grid = [[0] * 2 for _ in range(2)]
grid[0][0] = 1
print(grid)
print([f(3) for f in (abs, str, float)])
print('[x for x in []]:', [x for x in []])
print('[None for _ in range(2)]:', [None for _ in range(2)])
print([a + b for a, b in zip([1, 2], [10, 20])])
print([k + "=" + str(v) for k, v in {"a": 1, "b": 2}.items()])
