# str: unicode length, indexing, slicing and iteration by code point
s = "héllo wörld €"
print(len(s), s[1], s[7], s[-1])
print(s[1:4], s[-5:])
print(s.find("ö"), s.index("€"), s.count("l"))
print(list("日本語"), len("日本語"))
print("😀x"[1], len("😀"), "😀" * 2)
print("ü" in s, "ä" in s)
print("ß".encode(), "a€b".split("€"))
print("é" < "ê", "z" < "é")
