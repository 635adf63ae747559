# int: unary minus/plus/invert and abs on small and big ints
for n in (0, 5, -5, 2 ** 80, -(2 ** 80)):
    print(n, -n, +n, ~n, abs(n))
print(--5, -(-5), ~~7)
print(abs(-0), abs(True))
