# math: modf returns fractional and integer parts as floats
import math
for x in (3.5, -3.5, 2.0, 0.25, -0.75, 100.125):
    print(x, math.modf(x))
f, i = math.modf(7.5)
print(f + i, type(i).__name__)
