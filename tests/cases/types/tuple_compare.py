# tuple: lexicographic comparison and equality
print((1, 2) == (1, 2), (1, 2) != (1, 3), () == ())
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), () < (0,))
print((1, "b") < (1, "c"), (1, 2.5) > (1, 2))
print(sorted([(2, "a"), (1, "b"), (1, "a")]))
print(max((1, 2), (1, 3)), min((0, 9), (0, 8)))
print((1, 2) == [1, 2])
