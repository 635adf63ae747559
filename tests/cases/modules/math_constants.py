# math: constants pi, e, inf, nan
import math
print(math.pi, math.e)
print(round(math.pi, 5), round(math.e, 5))
print(math.inf, -math.inf, math.isinf(math.inf), math.isnan(math.nan))
print(math.inf > 10 ** 300, math.pi > 3.14159 and math.pi < 3.1416)
print(type(math.pi).__name__)
