# set: operators | & - ^ and in-place versions (printed sorted)
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
c = set(a)
c |= {10}
print(sorted(c))
c &= {1, 2, 10, 99}
print(sorted(c))
c -= {1}
print(sorted(c))
c ^= {2, 3}
print(sorted(c))
print(len(a), 3 in a, 7 in a, 7 not in a)
print(sorted({x % 4 for x in range(20)}))
print(set() == set(), {1, 2} == {2, 1}, {1} != {1, 2})
