# str: strip/lstrip/rstrip with default whitespace and custom chars
s = "  \t hello world \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "xxhixx".lstrip("x"), "xxhixx".rstrip("x"))
print("abcHELLOcba".strip("abc"))
print(repr("   ".strip()), repr("".strip()))
print("www.example.com".strip("cmow."))
print("123abc321".strip("123"))
