# math: isnan, isinf, isfinite on finite, infinite and nan values
import math
for v in (0.0, 1.5, -1e308, float("inf"), float("-inf"), float("nan"), 5):
    print(v, math.isnan(v), math.isinf(v), math.isfinite(v))
print(math.isinf(1e308 * 10), math.isnan(math.inf - math.inf))
