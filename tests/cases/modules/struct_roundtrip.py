# struct: packing a record and unpacking it gives the same values back
import struct
fmt = "<BhIq3s"
rec = (200, -1234, 4000000000, -(2 ** 40), b"abc")
packed = struct.pack(fmt, *rec)
print(len(packed), struct.calcsize(fmt))
print(packed)
print(struct.unpack(fmt, packed) == rec)
print(struct.unpack(fmt, packed))
vals = [struct.unpack(">H", struct.pack(">H", v))[0] for v in (0, 1, 255, 256, 65535)]
print(vals)
