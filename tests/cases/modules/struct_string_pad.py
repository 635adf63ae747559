# struct: s (fixed-length bytes, padded/truncated) and x padding
import struct
print(struct.pack("<5s", b"abc"), struct.pack("<2s", b"abcdef"))
print(struct.unpack("<3s", b"xyz"), struct.unpack("<4s", b"ab\x00\x00"))
print(struct.pack("<bxb", 1, 2), struct.pack("<b2xb", 1, 2))
print(struct.unpack("<bxb", b"\x01\x00\x02"))
print(struct.unpack("<H3sB", struct.pack("<H3sB", 513, b"hey", 7)))
print(struct.pack("<s", b"q"))
