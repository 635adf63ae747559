# bitwise and/or/xor/invert including negative and big ints
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a)
print(bin(a & b), bin(a | b), bin(a ^ b))
print(-1 & 0xFF, -256 & 0xFF, -1 | 0, -5 ^ 3)
print(~0, ~-1, ~5, ~-6)
print((1 << 100) | 1, ((1 << 100) | 5) & 7)
print(-(1 << 80) & 0xFFFF, (1 << 80) ^ (1 << 80))
print(0xF0 & 0x3C | 0x01, 0xF0 & (0x3C | 0x01))
print(5 & 3 == 1)
print(True & False, True | False, True ^ True)
x = 0b1111
x &= 0b0110
print("&=", x)
x |= 0b1000
print("|=", x)
x ^= 0b1111
print("^=", x)
print(hex(0xDEADBEEF & 0xFFFF0000))
