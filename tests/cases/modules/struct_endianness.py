# struct: byte order prefixes < > ! produce the expected byte layouts
import struct
for fmt in ("<H", ">H", "!H"):
    print(fmt, struct.pack(fmt, 0x0102))
for fmt in ("<I", ">I", "!I"):
    print(fmt, struct.pack(fmt, 0x01020304))
print(struct.pack(">q", 1), struct.pack("<q", 1))
print(struct.unpack(">I", b"\x00\x00\x01\x00"), struct.unpack("<I", b"\x00\x00\x01\x00"))
print(struct.unpack("!h", b"\xff\xfe"))
