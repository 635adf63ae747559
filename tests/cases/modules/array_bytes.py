# array: bytes() of an array gives its raw little/big-endian-independent byte data for 'B'/'b'
from array import array
print(bytes(array("B", [1, 2, 3, 255])))
print(bytes(array("b", [-1, 1])))
a = array("B", b"hello")
print(bytes(a), bytes(a[1:3]))
a[0] = ord("j")
print(bytes(a))
h = array("h", [1, -1])
raw = bytes(h)
print(len(raw), raw in (b"\x01\x00\xff\xff", b"\x00\x01\xff\xff"))
print(bytearray(array("B", [65, 66])))
