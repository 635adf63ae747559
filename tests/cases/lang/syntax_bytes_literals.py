# bytes literal forms, indexing and escapes
b = b"abc"
print(b, b[0], b[-1], b[1:], len(b))
print(b'\x00\x01\xff', list(b'\x00\x01\xff'))
print(b"tab\tnl\n", rb"raw\n", len(rb"raw\n"))
print(b'q"' + b"q'", b"a" * 3)
print(bytes([65, 66, 67]), bytes(3), bytes(b"xy"))
print(b"ab" == b"ab", b"ab" < b"b", b"a" in b"cat")
print(type(b[0]).__name__, [x for x in b"hi"])
print(bytearray(b"xy"), bytearray(b"xy") == b"xy")
