# struct: pack_into writes into a bytearray at an offset; unpack_from reads at an offset
import struct
buf = bytearray(12)
struct.pack_into("<HI", buf, 2, 0xABCD, 7)
print(buf)
struct.pack_into(">h", buf, 0, -2)
print(buf)
print(struct.unpack_from("<HI", buf, 2))
print(struct.unpack_from(">h", buf))
print(struct.unpack_from("<B", buf, 3), struct.unpack_from("<B", buf, -1))
data = bytes(range(16))
print(struct.unpack_from("<4B", data, 8))
print(struct.unpack_from(">I", data, 4))
