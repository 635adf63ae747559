# integer arithmetic: + - * and mixed-sign results, big values
print("add", 2 + 3, -2 + 3, 2 + -3)
print("sub", 10 - 3, 3 - 10, -3 - -10)
print("mul", 6 * 7, -6 * 7, -6 * -7, 0 * -5)
print("true div", 7 / 2, -7 / 2, 8 / 4)
print("big", 2 ** 64 + 1, 12345678901234567890 * 98765432109876543210)
print("big neg", -(2 ** 70) - 1)
print("big sub", 2 ** 100 - 2 ** 99)
print("mixed big small", 10 ** 20 // 7, 10 ** 20 % 7)
x = 0
for i in range(1, 101):
    x += i
print("sum 1..100", x)
print("neg zero", -0, 0 - 0)
print("unary", -(-5), +5, -+-5)
print("max int64 +1", 9223372036854775807 + 1)
print("min int64 -1", -9223372036854775808 - 1)
print("2**62*4", (2 ** 62) * 4)
print("abs", abs(-17), abs(17), abs(-(2 ** 80)))
