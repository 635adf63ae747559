# builtins: min/max with iterables, multiple args, key and default
print(min([3, 1, 2]), max([3, 1, 2]), min(3, 1, 2), max(3, 1, 2))
print(min("hello"), max("hello"), min([1.5, -2]), max((0, 2 ** 70)))
print(min(["apple", "fig", "banana"], key=len), max(["apple", "fig", "banana"], key=len))
print(max([-5, 3, -1], key=abs), min(-5, 3, -1, key=abs))
print(min([], default="empty"), max([], default=None))
print(max([(1, "b"), (1, "a")]), min({"b": 1, "a": 2}))
try:
    min([])
except ValueError:
    print("ValueError min")
try:
    max()
except TypeError:
    print("TypeError max")
