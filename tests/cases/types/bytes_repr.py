# bytes: repr escaping and quote choice
print(repr(b"plain"))
print(repr(b"it's"))
print(repr(b'say "x"'))
print(repr(b"\x00\x01\x7f\x80\xff"))
print(repr(b"\n\r\t\\"))
print(repr(b""), repr(bytes(2)))
print(str(b"s"), [b"a", b"b"])
print(repr(bytearray(b"ba")), bytearray())
