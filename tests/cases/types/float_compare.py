# float: comparisons, equality with ints, min/max, sorting
print(1.5 < 2, 2.0 == 2, 2.0 != 2.5, -0.0 == 0.0)
print(0.1 < 0.2 < 0.3, 1e-10 > 0, -1e-10 < 0)
print(max(1.5, 2, 0.5), min(1.5, 2, 0.5))
print(sorted([3.5, -1.25, 2, 0.0, 10]))
print(1e16 + 1 == 1e16)
print(float(2 ** 53) == 2 ** 53)
print(1.0 in [1], 2 in [2.0])
