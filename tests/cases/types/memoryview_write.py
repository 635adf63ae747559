# memoryview: writes through a memoryview reach the underlying bytearray
ba = bytearray(b"hello world")
mv = memoryview(ba)
mv[0] = ord("H")
print(ba)
mv[6:11] = b"WORLD"
print(ba)
part = mv[6:]
part[0] = ord("w")
print(ba, bytes(part))
ba[1] = ord("E")
print(bytes(mv[:2]))
print(len(mv), len(part))
