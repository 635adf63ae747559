# float: powers, roots and negative exponents
print(2.0 ** 10, 2 ** 0.5 == 2 ** 0.5, round(2 ** 0.5, 10))
print(10.0 ** -2, (-8.0) ** 2, 0.0 ** 0, 1.0 ** 1000)
print(round(27 ** (1 / 3), 10))
print(pow(2.0, 3), pow(4, 0.5), pow(2, -1))
print(round(1.1 ** 10, 10))
print(type(4 ** 0.5).__name__)
