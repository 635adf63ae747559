# builtins: sorted with key and reverse; input is not modified
data = [3, 1, 4, 1, 5, 9, 2, 6]
print(sorted(data), data)
print(sorted(data, reverse=True))
print(sorted("hello"), sorted((3, 2, 1)), sorted({"b": 1, "a": 2}))
print(sorted(["aa", "b", "ccc"], key=len, reverse=True))
print(sorted([-3, 2, -1], key=lambda x: x * x))
print(sorted(set([5, 3, 5, 1])), sorted(range(5, 0, -1)))
print(sorted([]), sorted([1]))
