# math: exp, log, log10, log2, sqrt, pow, expm1 and log with a base
import math
print(math.exp(0), round(math.exp(1), 10), round(math.exp(-1), 10), round(math.exp(2.5), 8))
print(math.log(1), round(math.log(10), 10), round(math.log(math.e), 10))
print(math.log10(1000), math.log10(1), round(math.log10(2), 10))
print(math.log2(8), math.log2(1024), round(math.log2(3), 10))
print(math.sqrt(16), math.sqrt(2.25), round(math.sqrt(2), 10), math.sqrt(0))
print(math.pow(2, 10), math.pow(9, 0.5), math.pow(2, -1))
print(round(math.expm1(1e-5) * 1e5, 8), round(math.expm1(1), 10))
print(round(math.log(8, 2), 10), round(math.log(100, 10), 10), round(math.log(81, 3), 10))
print(type(math.sqrt(4)).__name__, type(math.pow(2, 2)).__name__)
