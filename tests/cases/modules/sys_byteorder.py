# sys: byteorder is 'little' or 'big' and consistent with int.to_bytes
import sys
print(sys.byteorder in ("little", "big"))
b = (1).to_bytes(2, sys.byteorder)
print(b == b"\x01\x00" if sys.byteorder == "little" else b == b"\x00\x01")
print(int.from_bytes(b, sys.byteorder))
