# bool is an int subclass: arithmetic, indexing and counting with bools
print(True + True, True - False, True * 7, True / 2, True // 1, -True)
print(True == 1, False == 0, isinstance(True, int), issubclass(bool, int))
print(["no", "yes"][True], ["no", "yes"][False])
print(sum([True, True, False, True]))
print(True << 3, True & 3, True | 2)
print(int(True), float(False), str(True), repr(False))
print(bool(1), bool(-1), bool(0), bool("False"))
d = {1: "one"}
d[True] = "true"
print(d)
print(hash(True) == hash(1), True is True, (1 == 1) is True)
print(type(True + 1).__name__, type(True & True).__name__)
