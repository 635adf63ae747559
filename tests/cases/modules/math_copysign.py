# math: copysign and fabs
import math
print(math.copysign(3, -1), math.copysign(-3, 1), math.copysign(2.5, -0.0), math.copysign(2.5, 0.0))
print(math.copysign(0.0, -5), math.copysign(math.inf, -1))
print(math.fabs(-4), math.fabs(4.5), math.fabs(-0.0), type(math.fabs(-4)).__name__)
for mag, sgn in ((1, 1), (1, -1), (-1, 1), (-1, -1), (0.5, -2.0)):
    print(mag, sgn, math.copysign(mag, sgn))
print(math.copysign(1, math.inf), math.copysign(1, -math.inf))
