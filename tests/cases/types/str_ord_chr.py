# str: ord/chr round-trip including non-ASCII code points
print(ord("A"), ord("a"), ord("0"), ord(" "), ord("\n"))
print(chr(65), chr(97), chr(48), repr(chr(10)))
print(ord("é"), ord("€"), ord("日"), ord("😀"))
print(chr(233), chr(8364), chr(26085), chr(128512))
print(all(ord(chr(i)) == i for i in (0, 127, 128, 255, 256, 2047, 2048, 65535, 65536, 1114111)))
print("".join(chr(c) for c in range(ord("a"), ord("f"))))
try:
    ord("ab")
except TypeError:
    print("TypeError")
try:
    chr(-1)
except ValueError:
    print("ValueError")
