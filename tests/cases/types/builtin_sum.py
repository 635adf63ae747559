# builtins: sum with default and custom start values
print(sum([1, 2, 3]), sum([]), sum(range(10)), sum((0.5, 0.25)))
print(sum([1, 2], 10), sum([0.5], 1), sum([[1], [2, 3]], []))
print(sum(x * x for x in range(4)), sum([2 ** 70, 2 ** 70]))
print(sum([True, True, False]), sum([1, 2.5]))
try:
    sum(["a", "b"])
except TypeError:
    print("TypeError")
