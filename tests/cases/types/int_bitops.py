# int: bitwise operators on small ints
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a)
print(-a & b, -a | b, -a ^ b)
print(~0, ~-1, ~5)
print(0xFF & -1, -1 & 0x0F)
print(6 & 3, 6 | 3, 6 ^ 3)
x = 0
x |= 4
x |= 1
print(x)
x &= 5
print(x)
x ^= 7
print(x)
print(1 & 0, 1 | 0, 1 ^ 1)
