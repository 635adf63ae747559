# int: floor division and modulo follow Python sign rules for negatives
for a in (7, -7):
    for b in (2, -2, 3, -3):
        print(a, b, a // b, a % b)
print(0 // 5, 0 % 5, 0 // -5, 0 % -5)
print(-1 // 10, -1 % 10)
print(1 // -10, 1 % -10)
print((-7) // 7, (-7) % 7)
print(divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
