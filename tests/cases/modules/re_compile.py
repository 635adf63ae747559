# re: compiled patterns reused with match/search/sub/split
import re
pat = re.compile(r"(\w+):(\d+)")
m = pat.match("port:8080")
print(m.group(1), m.group(2))
print(pat.search("x host:22 y").groups())
print(pat.match("nope"))
print(pat.sub(r"\1=\2", "a:1 b:2"))
words = re.compile(r"\W+")
print(words.split("hi, there! you"))
for s in ("k:1", "k:", ":1", "kk:11"):
    print(s, bool(pat.match(s)))
