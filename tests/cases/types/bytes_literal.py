# bytes: literal forms, escapes, indexing gives ints
b = b"abc"
print(b, len(b), b[0], b[-1], type(b[0]).__name__)
print(b"\x00\xff\n\t", len(b"\x00\xff\n\t"))
print(b'single', b"double", rb"raw\n", len(rb"raw\n"))
print(b"" == bytes(), b"a" + b"b", b"ab" * 3)
print(list(b"hi"), tuple(b"AB"))
print(b"%" in b"100%", b"bc" in b"abc", b"x" in b"abc")
print(b"abc" == "abc", b"abc" == b"abc")
