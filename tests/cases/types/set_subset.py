# set: subset/superset methods and comparison operators
a = {1, 2}
b = {1, 2, 3}
print(a.issubset(b), b.issubset(a), a.issuperset(b), b.issuperset(a))
print(a <= b, a < b, b >= a, b > a, a < a, a <= a)
print(set() <= a, a.issubset([1, 2, 5]), b.issuperset([3]))
print({1, 2} > {3}, {1, 2} < {3})
for x, y in (({1}, {1, 2}), ({1, 2}, {1, 2}), (set(), set()), ({3}, {1, 2})):
    print(sorted(x), sorted(y), x < y, x <= y, x > y, x >= y, x == y)
