# float arithmetic with exactly representable values
print(1.5 + 2.25, 1.5 - 2.25, 1.5 * 4, 9.0 / 4)
print(0.5 * 0.5, -0.5 * 3)
print(1 + 2.0, 3 * 0.5, 7 / 2.0)
print(float(3), float(-2), int(3.75), int(-3.75))
print(2.0 ** 3, 2 ** -1, 4 ** 0.5)
print(round(2.5), round(3.5), round(-2.5), round(2.675 * 0))
print(1e3, 1.5e-3 * 1000, 2e10)
print(abs(-3.25), -abs(3.25))
print(10.0 == 10, 0.5 < 1, -0.0 == 0.0)
print(float("inf") > 10 ** 300, -float("inf") < -(10 ** 300))
nan = float("nan")
print("nan eq self", nan == nan, nan != nan)
print(type(1 + 1.0).__name__, type(4 / 2).__name__, type(4 // 2).__name__)
print(1.0, 100.0, -0.0, 1.25e-5)
print(3.0 * 1.5, 0.125 + 0.125)
print(max(1.5, 2), min(-1, -0.5))
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("div zero", type(e).__name__)
