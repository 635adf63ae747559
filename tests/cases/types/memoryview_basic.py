# memoryview: length, indexing, slicing and conversion to bytes
data = b"abcdefgh"
mv = memoryview(data)
print(len(mv), mv[0], mv[-1])
sub = mv[2:6]
print(len(sub), bytes(sub), list(sub))
print(bytes(mv[::1]) == data)
print(bytes(mv[1:3]), bytes(mv[5:]))
print(type(sub).__name__)
print(bytes(memoryview(bytearray(b"xyz"))))
