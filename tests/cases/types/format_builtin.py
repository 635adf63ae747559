# format(): builtin format with specs for ints, floats, strings
print(format(42), format(42, "5"), format(42, "<5") + "|", format(42, "x"))
print(format(3.5, ".2f"), format(3.5, "e"), format(0.5, ".0%"))
print(format("ab", ">4"), format("ab", "*^6"), format("abc", ".1"))
print(format(-12, "08"), format(12, "+"), format(255, "#b"))
print(format(True), format(None), format([1]))
print(repr(format("")), repr(format("x", "")))
