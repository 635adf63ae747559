# complex: arithmetic with complex, int and float operands
a = 1 + 2j
b = 3 - 4j
print(a + b, a - b, a * b)
print(a * 2, 2 * a, a + 1, 1.5 + a)
print((4 + 2j) / 2, (1 + 1j) * (1 - 1j))
print(1j * 1j, 2j * 2j)
print((3 + 4j) / (3 + 4j))
print(-a, +a)
print(a == 1 + 2j, a != b, 2j == 2j, (1 + 0j) == 1)
z = 2 + 0j
z += 1j
z *= 2
print(z)
try:
    a / 0
except ZeroDivisionError:
    print("ZeroDivisionError")
