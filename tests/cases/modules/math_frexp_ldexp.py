# math: frexp splits into mantissa/exponent; ldexp reverses it
import math
for x in (8.0, 1.0, 0.5, 0.0, -3.0, 1024.0, 0.1):
    m, e = math.frexp(x)
    print(x, m, e, math.ldexp(m, e) == x)
print(math.ldexp(1, 10), math.ldexp(0.75, 4), math.ldexp(3, -2))
print(type(math.frexp(2.0)[1]).__name__)
