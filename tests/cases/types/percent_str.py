# %-formatting: %s %r %c %% with widths, precision, single and tuple args
print("%s" % "x", "%s" % 5, "%s" % [1])
print("%r %r" % ("s", 1))
print("[%5s] [%-5s] [%.2s]" % ("ab", "ab", "abcdef"))
print("%c%c" % (65, "b"))
print("100%%" % ())
print("%s and %s" % ("a", "b"))
print("%s" % (("tuple", "in", "tuple"),))
print("a %s b" % None)
try:
    "%s %s" % ("only",)
except TypeError:
    print("TypeError not enough")
try:
    "%d" % "x"
except TypeError:
    print("TypeError bad type")
