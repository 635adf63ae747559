# float: nan and inf behaviour, checked with math.isnan/isinf
import math
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan)
print(math.isinf(inf), math.isinf(-inf), math.isnan(nan), math.isnan(inf))
print(inf > 1e308, -inf < -1e308, inf == inf)
print(nan == nan, nan != nan, nan < 1, nan > 1)
print(math.isnan(inf - inf), math.isnan(inf * 0), math.isinf(inf * 2))
print(inf + 1 == inf, 1 / inf, -1 / inf)
print(math.isinf(1e308 * 10))
print(math.isfinite(1.0), math.isfinite(inf), math.isfinite(nan))
print(str(inf), repr(-inf), str(nan))
