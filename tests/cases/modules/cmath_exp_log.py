# cmath: exp, log, cos, sin of complex values (rounded), constants
import cmath, math
def r(z):
    return (round(z.real, 10) + 0.0, round(z.imag, 10) + 0.0)
print(r(cmath.exp(0)), r(cmath.exp(1j * math.pi)), r(cmath.exp(1 + 1j)))
print(r(cmath.log(1)), r(cmath.log(-1)), r(cmath.log(1j)), r(cmath.log(math.e)))
print(r(cmath.cos(0)), r(cmath.sin(1j)), r(cmath.cos(1 + 1j)))
print(round(cmath.pi, 10), round(cmath.e, 10))
print(r(cmath.exp(cmath.log(2 + 3j))))
