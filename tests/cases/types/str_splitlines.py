# str: splitlines with various line endings and keepends
print("a\nb\nc".splitlines())
print("a\nb\n".splitlines())
print("a\r\nb\rc".splitlines())
print("".splitlines(), "\n".splitlines())
print("x\n\ny".splitlines())
print("a\nb\r\n".splitlines(True))
