# random: same seed gives the same sequence (values themselves are not printed)
import random
random.seed(1)
a = [random.random() for _ in range(5)]
random.seed(1)
b = [random.random() for _ in range(5)]
print(a == b)
random.seed(2)
c = [random.random() for _ in range(5)]
print(a != c)
random.seed(42)
x = [random.randint(0, 1000) for _ in range(10)]
random.seed(42)
y = [random.randint(0, 1000) for _ in range(10)]
print(x == y)
print(all(0.0 <= v < 1.0 for v in a))
