# struct: pack/unpack integer formats bBhHiIlLqQ little-endian
import struct
print(struct.pack("<b", -1), struct.pack("<B", 255), struct.pack("<h", -2), struct.pack("<H", 0x1234))
print(struct.pack("<i", -3), struct.pack("<I", 0xDEADBEEF), struct.pack("<l", 1), struct.pack("<L", 2))
print(struct.pack("<q", -1), struct.pack("<Q", 2 ** 64 - 1))
print(struct.unpack("<b", b"\xff"), struct.unpack("<B", b"\xff"))
print(struct.unpack("<h", b"\xfe\xff"), struct.unpack("<H", b"\x34\x12"))
print(struct.unpack("<i", b"\xfd\xff\xff\xff"), struct.unpack("<I", b"\xef\xbe\xad\xde"))
print(struct.unpack("<q", b"\xff" * 8), struct.unpack("<Q", b"\xff" * 8))
print(struct.unpack("<Q", struct.pack("<Q", 2 ** 63 + 5)))
print(struct.unpack("<bBhH", struct.pack("<bBhH", -5, 5, -500, 500)))
