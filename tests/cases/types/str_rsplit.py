# str: rsplit with separator and maxsplit
print("a,b,c,d".rsplit(","))
print("a,b,c,d".rsplit(",", 1))
print("a,b,c,d".rsplit(",", 2))
print("a b  c".rsplit())
print("a b c d".rsplit(None, 1))
print("path/to/file.txt".rsplit("/", 1))
print("no-sep".rsplit(","))
print("x::y::z".rsplit("::", 1))
