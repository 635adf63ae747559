# comparisons between ints, floats, bools and sequences; unorderable types raise TypeError
print(1 == 1.0, 1 < 1.5, 2 > True, True == 1, False == 0)
print(2 ** 64 == 2.0 ** 64, 2 ** 64 > 2.0 ** 63)
print("abc" < "abd", "abc" < "ab", "B" < "a", "" < "a")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, 2) == (1, 2), (1, "a") < (1, "b"))
print([1] == (1,), "1" == 1, None == 0)
print([1, 2] != [1, 2], {1: 2} == {1: 2}, {1, 2} == {2, 1})
print(max(3, 7.5, -1), min([4, 2, 8]))
for a, b in ((1, "a"), ("a", 1), ([1], (1,)), (None, 0)):
    try:
        a < b
        print("no error")
    except TypeError as e:
        print("TypeError for", type(a).__name__, type(b).__name__)
print({1} < {1, 2}, {1, 2} <= {1, 2}, {3} > {1})
