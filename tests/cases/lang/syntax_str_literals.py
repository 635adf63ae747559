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
print('len(s):', len(s))
print('s.count("\\n"):', s.count("\n"))
t = "continued \
line"
print(t)
print("", '', len(""))
print('"\\0" == "\\x00":', "\0" == "\x00")
print('len("\\0"):', len("\0"))
print('repr("quote\'"):', repr("quote'"))
print('repr(\'dq"\'):', repr('dq"'))
print('repr("both\'\\""):', repr("both'\""))
print('repr("\\n\\t"):', repr("\n\t"))
print('b"bytes":', b"bytes")
print('rb"\\d":', rb"\d")
print('len(b"\\x00\\xff"):', len(b"\x00\xff"))
u = "\U0001F600"
print('len(u):', len(u))
print('ord(u):', ord(u))
