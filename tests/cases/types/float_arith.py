# float: arithmetic between floats and ints
print(1.5 + 2.25, 1.5 - 2.25, 1.5 * 4, 7.0 / 2)
print(3 + 0.5, 3 * 0.5, 1 / 4, 2 - 0.75)
print(2.0 ** 3, 4.0 ** 0.5, 2 ** -2.0, 9 ** 0.5)
print(-1.5 * -2, -(1.25))
x = 1.0
x += 0.5
x *= 4
x -= 1
x /= 2
print(x)
print(type(1 + 1.0).__name__, type(2 * 0.5).__name__)
print(0.5 + 0.25 == 0.75, 0.1 + 0.2 == 0.3)
print(abs(-2.5), abs(2.5))
print(round(0.1 + 0.2, 10))
