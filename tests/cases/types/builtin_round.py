# builtins: round on ints and floats, with ndigits
print(round(5), round(-3), round(4.4), round(4.6), round(-4.6))
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5))
print(round(3.14159, 2), round(2.675, 0), round(10.0, 1), round(-3.25, 1) in (-3.2, -3.3))
print(type(round(1.5)).__name__, type(round(1.5, 0)).__name__, type(round(3)).__name__)
print(round(7.0), round(100.49), round(-100.51))
