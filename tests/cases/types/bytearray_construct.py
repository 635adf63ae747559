# bytearray: constructors and conversions
print(bytearray(4), bytearray(0))
print(bytearray([1, 2, 255]), bytearray(b"xyz"), bytearray("hé", "utf-8"))
print(bytearray(range(65, 70)))
ba = bytearray(b"ab")
copy = bytearray(ba)
copy[0] = 90
print(ba, copy)
print(bytearray(b"abc") == b"abc", bytes(bytearray(3)))
print(bytearray(b"q") + b"r", type(bytearray(b"q") + b"r").__name__)
