# list: lexicographic comparisons and equality
print([1, 2] == [1, 2], [1, 2] != [2, 1], [] == [])
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 99], [] < [0])
print([1, [2, 3]] == [1, [2, 3]], [1, 2] == (1, 2))
print([1, 2] <= [1, 2], [3] >= [2, 9])
print(["a", "b"] < ["a", "c"])
print(max([[1, 2], [1, 3], [0, 9]]))
try:
    [1] < ["a"]
except TypeError:
    print("TypeError")
