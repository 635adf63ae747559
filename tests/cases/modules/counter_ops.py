from collections import Counter
a = Counter(a=3, b=1, c=-2)
b = Counter(a=1, b=2, d=4, e=-1)
for r in (a + b, a - b, a | b, a & b, b - a, b + a):
    print(sorted(r.items()))
print(a.__add__(5))
