# math: floor/ceil/trunc return ints (also for big values and negatives)
import math
for x in (2.5, -2.5, 3.0, -0.1, 0.9, 1e20):
    print(x, math.floor(x), math.ceil(x), math.trunc(x))
print(type(math.floor(2.5)).__name__, type(math.ceil(2.5)).__name__, type(math.trunc(2.5)).__name__)
print(math.floor(7), math.ceil(-7))
print(math.floor(1e20) == 10 ** 20)
try:
    math.floor(math.inf)
except OverflowError:
    print("OverflowError")
try:
    math.ceil(math.nan)
except ValueError:
    print("ValueError")
