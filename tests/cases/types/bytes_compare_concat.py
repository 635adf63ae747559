# bytes: comparisons, concatenation, repetition and membership
print(b"abc" < b"abd", b"ab" < b"abc", b"b" > b"abc", b"" < b"\x00")
print(b"x" == b"x", b"x" != b"y", sorted([b"b", b"a", b"ab"]))
print(b"ab" + b"cd", b"ab" * 2, 2 * b"-")
print(b"bc" in b"abcd", b"e" in b"abcd")
print(b"ab" + bytearray(b"cd"))
x = b"a"
x += b"b"
print(x)
