# math: trigonometric functions and inverses, rounded to 10 decimals
import math
for x in (0.0, 0.5, 1.0, -1.0, math.pi / 6, math.pi / 4, math.pi / 2):
    print(round(math.sin(x), 10), round(math.cos(x), 10), round(math.tan(x), 6) if abs(math.cos(x)) > 1e-9 else "inf")
for y in (-1.0, -0.5, 0.0, 0.5, 1.0):
    print(round(math.asin(y), 10), round(math.acos(y), 10), round(math.atan(y), 10))
print(round(math.atan2(1, 1), 10), round(math.atan2(-1, -1), 10), round(math.atan2(0, -1), 10), math.atan2(0, 1))
print(math.sin(0), math.cos(0))
