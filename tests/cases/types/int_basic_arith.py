# int: basic arithmetic operators on small ints
a, b = 17, 5
print("add", a + b)
print("sub", a - b, b - a)
print("mul", a * b, -a * b)
print("truediv", a / b, 10 / 2, -9 / 2)
print("floordiv", a // b, 20 // 4)
print("mod", a % b, 20 % 4)
print("pow", a ** 2, 2 ** 10, 3 ** 0)
print("neg pow", 2 ** -1, 4 ** -2)
print("precedence", 2 + 3 * 4, (2 + 3) * 4, -2 ** 2, (-2) ** 2)
x = 10
x += 5
print("iadd", x)
x -= 3
print("isub", x)
x *= 2
print("imul", x)
x //= 5
print("ifloordiv", x)
x %= 3
print("imod", x)
x **= 5
print("ipow", x)
print("type", type(a // b).__name__, type(a / b).__name__)
