# math: fmod keeps the sign of the dividend (unlike %)
import math
for a, b in ((7, 3), (-7, 3), (7, -3), (-7, -3), (5.5, 2), (-5.5, 2)):
    print(a, b, math.fmod(a, b), a % b)
print(math.fmod(0, 5), math.fmod(1e10, 3))
try:
    math.fmod(1, 0)
except ValueError:
    print("ValueError")
