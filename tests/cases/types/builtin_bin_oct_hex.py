# builtins: bin, oct, hex of positive, negative and big ints
for n in (0, 1, 5, 255, -1, -255, 2 ** 40):
    print(n, bin(n), oct(n), hex(n))
print(int(bin(37), 2), int(oct(37), 8), int(hex(37), 16))
try:
    hex(1.5)
except TypeError:
    print("TypeError")
