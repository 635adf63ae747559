# struct: f and d formats round-trip exactly representable floats
import struct
print(struct.pack("<f", 1.5), struct.pack(">f", 1.5), struct.pack("<d", 1.5))
print(struct.pack(">d", -2.0))
print(struct.unpack("<f", struct.pack("<f", 0.25)), struct.unpack("<d", struct.pack("<d", -1e100)))
print(struct.unpack(">d", b"\x3f\xf0\x00\x00\x00\x00\x00\x00"))
print(struct.unpack("<f", b"\x00\x00\x80\x7f"))
v = struct.unpack("<f", struct.pack("<f", 0.1))[0]
print(v != 0.1, abs(v - 0.1) < 1e-7)
print(struct.unpack("<fd", struct.pack("<fd", 3.0, 4.5)))
