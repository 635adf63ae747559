# bool: bools behave as ints in arithmetic
print(True + True, True - False, True * 10, False * 10)
print(True / 2, True // 1, -True, ~True, ~False)
print(sum([True, False, True, True]))
print(True == 1, False == 0, True != 2)
print(isinstance(True, int), issubclass(bool, int))
print([10, 20][True], [10, 20][False])
print(type(True + True).__name__)
d = {1: "one", True: "true"}
print(len(d), d[1])
