# math: functions accept ints, bools and big ints and return floats
import math
print(math.sqrt(9), math.sqrt(True), math.exp(0), math.cos(0))
print(math.sqrt(2 ** 100) == 2.0 ** 50)
print(round(math.log(2 ** 100), 8), round(math.log10(10 ** 50), 8))
print(math.fabs(-3), math.floor(-3), math.ceil(True))
