# unary minus, plus and invert on ints, floats and bools
for v in (0, 5, -5, 2 ** 70, -(2 ** 70)):
    print(v, -v, +v, ~v)
print(-1.5, +1.5, -(-1.5))
print(-True, +True, ~True, ~False)
print(- - -3, ~~7, -~3, ~-3)
x = 4
print(-x, +x, not x)
