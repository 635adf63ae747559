# int: floor division / modulo / divmod with big and negative operands
a = 10 ** 25 + 7
b = 3 ** 20
print(a // b, a % b)
print(-a // b, -a % b)
print(a // -b, a % -b)
print(-a // -b, -a % -b)
print(divmod(a, b))
print(divmod(-a, b))
print(divmod(a, -b))
print(divmod(-a, -b))
q, r = divmod(-a, b)
print(q * b + r == -a)
print((2 ** 100) // 7, (2 ** 100) % 7)
print(-(2 ** 100) // 7, -(2 ** 100) % 7)
print(7 // (2 ** 100), 7 % (2 ** 100))
print(-7 // (2 ** 100), -7 % (2 ** 100) == 2 ** 100 - 7)
print(2 ** 100 / 2 ** 98)
