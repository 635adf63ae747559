# math: prod, fsum, hypot, dist, isclose, log of huge ints
import math
print(math.prod([1, 2, 3, 4]), math.prod([], start=5), math.prod([1.5, 2]), math.prod(range(1, 21)))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.hypot(3, 4), math.hypot(), math.hypot(-5), math.hypot(math.inf, math.nan))
print(math.dist((1, 2), (4, 6)), math.dist([0, 0, 0], [2, 3, 6]))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.1), math.isclose(1, 1.1, rel_tol=0.2))
print(math.isclose(0, 1e-10, abs_tol=1e-9), math.isclose(math.inf, math.inf))
print(round(math.log(2 ** 2000), 6), round(math.log2(2 ** 2000), 6), round(math.log10(10 ** 400), 6))
try:
    math.fsum([math.inf, -math.inf])
except ValueError:
    print("ValueError")
try:
    math.dist((1, 2), (1, 2, 3))
except ValueError:
    print("ValueError")
