# int: big ints round-trip through str, repr, hex and int()
n = 3 ** 100
s = str(n)
print(s)
print(int(s) == n, repr(n) == s)
print(int(hex(n), 16) == n, int(oct(n), 8) == n, int(bin(n), 2) == n)
print(hex(n))
print(oct(2 ** 64))
print(bin(2 ** 65 - 1))
neg = -n
print(int(str(neg)) == neg, hex(-255), hex(-(2 ** 64)))
print(len(str(2 ** 1000)))
print(sum(int(c) for c in str(2 ** 1000)))
