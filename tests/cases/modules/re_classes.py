# re: character classes \d \w \s, ranges, negation and dot
import re
def show(p, s):
    m = re.search(p, s)
    print(p, repr(s), repr(m.group(0)) if m else None)
show(r"\d+", "abc 42 x")
show(r"\w+", "  hello_world1 !")
show(r"\s+", "a \t\nb")
show(r"\D+", "123abc456")
show(r"\W+", "abc!?def")
show(r"\S+", "   xyz  ")
show(r"[a-c]+", "xxabcabczz")
show(r"[^a-c]+", "abcxyzabc")
show(r"[0-9a-f]+", "zz1f9e zz")
show(r"a.c", "zabcz")
show(r"a..d", "xxa12dxx")
show(r"[.]", "a.b")
show(r"\.", "x.y")
