# cmath: sqrt of negative and complex numbers
import cmath
def r(z):
    return complex(round(z.real, 10) + 0.0, round(z.imag, 10) + 0.0)
print(r(cmath.sqrt(-1)), r(cmath.sqrt(-4)), r(cmath.sqrt(4)))
print(r(cmath.sqrt(3 + 4j)), r(cmath.sqrt(2j)))
z = cmath.sqrt(-9)
print(round(z.real, 10) + 0.0, round(z.imag, 10), type(z).__name__)
print(r(cmath.sqrt(-1) ** 2))
