# str: startswith/endswith (with a start offset for startswith)
s = "hello.py"
print(s.startswith("he"), s.startswith("py"), s.startswith(""))
print(s.endswith(".py"), s.endswith("hello"), s.endswith(""))
print(s.startswith("llo", 2), s.startswith("llo", 3))
print("".startswith(""), "".endswith("a"))
print("ab".startswith("abc"), "ab".endswith("zab"))
