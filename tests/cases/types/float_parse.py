# float: float() from strings and numbers
print(float("1.5"), float("-2.25"), float("  3.0  "), float("+4"))
print(float("1e3"), float("1E-2"), float(".5"), float("5."))
print(float("inf"), float("-inf"), float("-INF"))
print(float(3), float(True), float(2 ** 10))
print(float("0"), float("-0.0"))
for bad in ("", "abc", "1.2.3", "--1"):
    try:
        float(bad)
        print("parsed", repr(bad))
    except ValueError:
        print("ValueError", repr(bad))
