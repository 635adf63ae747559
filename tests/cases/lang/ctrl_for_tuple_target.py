# for loops with tuple targets: enumerate, zip, items, nested
pairs = [(1, "a"), (2, "b"), (3, "c")]
for n, s in pairs:
    print(n, s * n)
for i, (n, s) in enumerate(pairs):
    print(i, n, s)
for a, b, c in zip("xyz", range(3), [True, False, None]):
    print(a, b, c)
for (a, b), c in [((1, 2), 3), ((4, 5), 6)]:
    print(a + b + c)
m = {"k": [1, 2]}
for k, (first, second) in m.items():
    print(k, first, second)
names = ["ann", "bob"]
ages = [31, 42]
for name, age in zip(names, ages):
    print(name, age)
print(list(zip("ab", "cde")))
