# str: count of substrings with optional start/end
s = "banana"
print(s.count("a"), s.count("an"), s.count("ana"), s.count("x"))
print(s.count("a", 2), s.count("a", 2, 4), s.count(""))
print("aaaaa".count("aa"))
print("".count("a"), "".count(""))
text = "the cat sat on the mat with the hat"
for w in ("the", "at", "t", " ", "dog"):
    print(repr(w), text.count(w), text.count(w, 10), text.count(w, 0, 10))
