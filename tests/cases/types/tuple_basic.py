# tuple: construction, singleton, indexing, slicing, count/index, immutability
t = (1, 2, 3, 2)
print(t, len(t), t[0], t[-1], t[1:3], t[::-1], t[::2])
print(t.count(2), t.index(3), t.index(2, 2))
single = (5,)
print(single, len(single), type(single).__name__)
print((), tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)))
x = 1, 2
print(x, type(x).__name__)
print((1, 2) + (3,), (0,) * 3, 2 in t, 9 not in t)
try:
    t[0] = 9
except TypeError:
    print("TypeError")
try:
    t.index(99)
except ValueError:
    print("ValueError")
nested = ((1, 2), [3])
nested[1].append(4)
print(nested)
