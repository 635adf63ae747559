# str: split with default whitespace, explicit separator and maxsplit
print("a b  c".split())
print("  leading and trailing  ".split())
print("a,b,,c".split(","))
print("a,b,,c".split(",", 1))
print("a::b::c".split("::"))
print("abc".split("x"))
print("".split(), "".split(","))
print("a b c d".split(None, 2))
print("one\ttwo\nthree".split())
print("x-y-z".split("-", 0))
print(",a,".split(","))
try:
    "abc".split("")
except ValueError:
    print("ValueError empty separator")
