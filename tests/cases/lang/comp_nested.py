# nested comprehensions and multiple for clauses
print([(i, j) for i in range(3) for j in range(i)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([x for row in matrix for x in row])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
print([c + d for c in "ab" for d in "xy" if c != "b" or d != "y"])
print({(a, b): a * b for a in range(2) for b in range(2)})
print([[j for j in range(i)] for i in range(4)])
print(sum(x * y for x in range(3) for y in range(3)))
print([w for s in ["a b", "c d e"] for w in s.split()])
