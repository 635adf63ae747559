# int: bit_length for small, negative and big ints
for n in (0, 1, 2, 3, 7, 8, 255, 256, -1, -8, -9, 2 ** 31, 2 ** 63, 2 ** 100, -(2 ** 100)):
    print(n, n.bit_length())
