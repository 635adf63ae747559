# int: left/right shifts, including negatives and growth into big ints
print(1 << 0, 1 << 1, 1 << 10, 1 << 31, 1 << 32, 1 << 62, 1 << 63, 1 << 64)
print(1024 >> 3, 1 >> 1, 7 >> 10)
print(-16 >> 2, -1 >> 5, -17 >> 1)
print(-1 << 4, -3 << 40)
x = 5
x <<= 3
print(x)
x >>= 2
print(x)
try:
    1 << -1
except ValueError:
    print("ValueError on negative shift")
try:
    1 >> -1
except ValueError:
    print("ValueError on negative shift right")
