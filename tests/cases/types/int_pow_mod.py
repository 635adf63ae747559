# int: three-argument pow(a, b, m) including big values
print(pow(2, 10, 1000))
print(pow(3, 200, 1000000007))
print(pow(7, 0, 13))
print(pow(12345678901234567890, 65537, 2 ** 61 - 1))
print(pow(2, 2 ** 70, 97))
print(pow(5, 3, 1))
print(pow(2, 10), pow(2, -2), pow(-2, 3))
print(pow(10, 25))
