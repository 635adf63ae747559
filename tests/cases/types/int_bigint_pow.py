# int: big powers and arithmetic with very large ints
print(2 ** 64)
print(2 ** 100)
print(3 ** 50)
print(-(2 ** 70))
print((-3) ** 41)
print(10 ** 30 + 1)
print(10 ** 30 - 1)
a = 2 ** 128
b = 3 ** 80
print(a + b)
print(a - b)
print(b - a)
print(a * b)
print(a * -b)
print((a * b) // b == a)
print(2 ** 64 - 1, 2 ** 63, -2 ** 63)
print(12345678901234567890 * 98765432109876543210)
print(int("9" * 40) + 1)
