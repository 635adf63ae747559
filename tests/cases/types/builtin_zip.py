# builtins: zip with equal, uneven, zero and many iterables
print(list(zip([1, 2, 3], "abc")))
print(list(zip([1, 2, 3], "ab")))
print(list(zip()), list(zip([])))
print(list(zip(range(3), range(10, 13), range(20, 23))))
names = ["a", "b"]
ages = [1, 2]
print(dict(zip(names, ages)))
pairs = [(1, "x"), (2, "y")]
nums, lets = zip(*pairs)
print(nums, lets)
for a, b in zip("hi", "yo"):
    print(a + b)
