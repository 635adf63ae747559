# float: // and % with floats follow floor semantics and signs
for a in (7.5, -7.5):
    for b in (2.0, -2.0):
        print(a, b, a // b, a % b)
print(7 // 2.0, 7 % 2.0, -7 // 2.0, -7 % 2.0)
print(5.0 // 0.5, 5.0 % 0.5)
print(1.0 % 3, -1.0 % 3)
print(type(7 // 2.0).__name__)
