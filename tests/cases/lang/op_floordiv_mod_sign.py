# floor division and modulo sign rules for ints and floats
for a in (7, -7):
    for b in (2, -2):
        print(a, b, "//", a // b, "%", a % b, "divmod", divmod(a, b))
for a in (7.5, -7.5):
    for b in (2.0, -2.0):
        print(a, b, "//", a // b, "%", a % b)
print('zero num 0 // 5:', 0 // 5)
print('zero num 0 % 5:', 0 % 5)
print('zero num 0 // -5:', 0 // -5)
print('zero num 0 % -5:', 0 % -5)
print('exact 12 // 4:', 12 // 4)
print('exact 12 % 4:', 12 % 4)
print('exact -12 // 4:', -12 // 4)
print('exact -12 % 4:', -12 % 4)
print('big (10 ** 30) // -7:', (10 ** 30) // -7)
print('big (10 ** 30) % -7:', (10 ** 30) % -7)
print('big neg -(10 ** 30) // 7:', -(10 ** 30) // 7)
print('big neg -(10 ** 30) % 7:', -(10 ** 30) % 7)
for op in ("//", "%"):
    try:
        if op == "//":
            1 // 0
        else:
            1 % 0
    except ZeroDivisionError as e:
        print(op, "by zero:", type(e).__name__)
try:
    1.0 // 0.0
except ZeroDivisionError as e:
    print("float // zero:", type(e).__name__)
try:
    divmod(5, 0)
except ZeroDivisionError as e:
    print("divmod zero:", type(e).__name__)
