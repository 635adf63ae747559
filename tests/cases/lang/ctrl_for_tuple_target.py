# for loops with tuple targets: enumerate, zip, items, nested
pairs = [(1, "a"), (2, "b"), (3, "c")]
for n, s in pairs:
    print('n:', n)
    print('s * n:', s * n)
for i, (n, s) in enumerate(pairs):
    print('i:', i)
    print('n:', n)
    print('s:', s)
for a, b, c in zip("xyz", range(3), [True, False, None]):
    print('a:', a)
    print('b:', b)
    print('c:', c)
for (a, b), c in [((1, 2), 3), ((4, 5), 6)]:
    print(a + b + c)
m = {"k": [1, 2]}
for k, (first, second) in m.items():
    print('k:', k)
    print('first:', first)
    print('second:', second)
names = ["ann", "bob"]
ages = [31, 42]
for name, age in zip(names, ages):
    print('name:', name)
    print('age:', age)
print(list(zip("ab", "cde")))
