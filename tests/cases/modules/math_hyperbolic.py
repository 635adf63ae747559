# math: hyperbolic functions and inverses, rounded to 10 decimals
import math
for x in (0.0, 0.5, 1.0, -2.0):
    print(round(math.sinh(x), 10), round(math.cosh(x), 10), round(math.tanh(x), 10))
print(round(math.asinh(1.0), 10), round(math.acosh(2.0), 10), round(math.atanh(0.5), 10))
print(round(math.asinh(math.sinh(1.25)), 10), round(math.tanh(20), 10))
