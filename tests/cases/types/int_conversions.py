# int: conversions from float, bool, str and to other types
print(int(3.9), int(-3.9), int(0.5), int(-0.5))
print(int(1e20))
print(int(True), int(False))
print(int(" 17 "), int("-0"))
print(float(7), float(-2), float(2 ** 60))
print(str(123), str(-45), repr(678))
print(bool(0), bool(1), bool(-3))
print(int(), float())
x = int(7.0)
print(x, type(x).__name__)
try:
    int(float("inf"))
except OverflowError:
    print("OverflowError")
try:
    int(float("nan"))
except ValueError:
    print("ValueError")
try:
    int([1])
except TypeError:
    print("TypeError")
