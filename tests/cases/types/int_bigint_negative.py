# int: negative big ints: arithmetic, comparisons, abs and sign handling
a = -(10 ** 22)
b = 10 ** 22 + 1
print(a + b, a - b, a * b)
print(a // 3, a % 3, a // -3, a % -3)
print(abs(a), -a, a < 0, a < -b, a > -b)
print(a * a == 10 ** 44)
print(a ** 3)
print(a + 10 ** 22 == 0, type(a + 10 ** 22).__name__)
big = 2 ** 64
small = big - big + 5
print(small, small * 2)
print((-big) // big, (-big) % big, (-big - 1) // big)
