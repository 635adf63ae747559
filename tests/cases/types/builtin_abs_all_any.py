# builtins: abs, all, any on various inputs
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-(2 ** 70)), abs(3 + 4j))
print(all([]), all([1, 2, 3]), all([1, 0, 3]), all("abc"), all([[], [1]]))
print(any([]), any([0, 0, 1]), any([0, "", None]), any(x > 3 for x in range(5)))
print(all(x < 10 for x in range(10)), any(iter([False, True])))
class Mag:
    def __abs__(self):
        return 42
print(abs(Mag()))
