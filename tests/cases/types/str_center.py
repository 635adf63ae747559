# str: center with default and explicit fill characters
print("[" + "abc".center(9) + "]")
print("[" + "abc".center(8) + "]")
print("[" + "ab".center(8, "*") + "]")
print("[" + "abcdef".center(3) + "]")
print("[" + "".center(4, "-") + "]")
