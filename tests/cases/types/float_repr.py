# float: repr/str of common values
for x in (0.1, 0.5, 0.25, 1.5, 3.0, -2.0, 100.0, 1e16, 1e-5, 1e100, 1e-100, 123.456, 0.0, -0.0, 2.5e-3, 1e22):
    print(repr(x), str(x))
print(1.0, 10.0, 1e1, 1e2)
print(0.1 * 3 == 0.30000000000000004)
print(float("1e16"), 1e16 == 10 ** 16)
print([0.5, 1.0, -1.25])
print((2.0,), {"k": 0.75})
