# str.format: automatic and explicit positional fields
print("{} {}".format("a", "b"))
print("{0} {1} {0}".format("x", "y"))
print("{1}{0}".format(1, 2))
print("{}".format([1, 2]), "{}".format((3,)), "{}".format(None))
print("{{}} {}".format("brace"))
print("{0}{0}{0}".format("ab"))
print("{} {} {}".format(1, 2.5, "s"))
try:
    "{} {}".format(1)
except IndexError:
    print("IndexError")
