# left and right shifts on small, big and negative ints
print('1 << 0:', 1 << 0)
print('1 << 10:', 1 << 10)
print('1 << 64:', 1 << 64)
print('1 << 100:', 1 << 100)
print('1024 >> 3:', 1024 >> 3)
print('1024 >> 20:', 1024 >> 20)
print('(1 << 100) >> 98:', (1 << 100) >> 98)
print('-1 >> 1:', -1 >> 1)
print('-8 >> 1:', -8 >> 1)
print('-9 >> 1:', -9 >> 1)
print('-1 >> 100:', -1 >> 100)
print('-1 << 3:', -1 << 3)
print('-(1 << 70) >> 69:', -(1 << 70) >> 69)
print('5 << 2 + 1:', 5 << 2 + 1)
print('(5 << 2) + 1:', (5 << 2) + 1)
print('3 << 62:', 3 << 62)
print('(3 << 62) >> 62:', (3 << 62) >> 62)
x = 1
x <<= 40
print(x)
x >>= 38
print(x)
try:
    1 << -1
except ValueError as e:
    print("negative shift:", type(e).__name__)
try:
    1 >> -1
except ValueError as e:
    print("negative rshift:", type(e).__name__)
