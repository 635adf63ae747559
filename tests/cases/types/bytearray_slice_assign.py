# bytearray: slicing returns bytearray; slice assignment of equal and different length
ba = bytearray(b"0123456789")
s = ba[2:5]
print(s, type(s).__name__, ba[-2:], ba[:1])
ba[0:3] = b"abc"
print(ba)
ba[3:5] = bytearray(b"XY")
print(ba)
ba[8:] = b"!"
print(ba, len(ba))
ba[0:2] = b"1234"
print(ba, len(ba))
ba[:] = b"new"
print(ba)
