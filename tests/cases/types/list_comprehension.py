# list: comprehensions with conditions, nesting and expressions
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[j for j in range(i)] for i in range(4)])
print([c.upper() for c in "abc"])
print([x if x % 2 else -x for x in range(5)])
print([len(w) for w in "the quick brown fox".split()])
print(list(range(3)), list(), list("ab"), list((1, 2)), list({"k": 1}))
