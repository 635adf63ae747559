# string literal forms: quotes, escapes, raw, triple-quoted, unicode escapes
print('single', "double", '''triple single''', """triple double""")
print('it\'s', "say \"hi\"", 'mix "q"', "mix 'q'")
print("tab\tnewline\\n backslash\\")
print(r"raw \n stays", R'raw\t', len(r"\n"))
print("\x41\x42", "\101\102", "\u00e9", len("\u00e9"))
print("line1\nline2")
s = """a
b
  c"""
print(s)
print(len(s), s.count("\n"))
t = "continued \
line"
print(t)
print("", '', len(""))
print("\0" == "\x00", len("\0"))
print(repr("quote'"), repr('dq"'), repr("both'\""), repr("\n\t"))
print(b"bytes", rb"\d", len(b"\x00\xff"))
u = "\U0001F600"
print(len(u), ord(u))
