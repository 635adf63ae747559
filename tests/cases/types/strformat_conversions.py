# str.format: !r and !s conversions with specs
print("{!r}".format("text"))
print("{!s}".format("text"))
print("{0!r} {0!s}".format("q"))
print("{!r}".format(1.5), "{!r}".format([1, "a"]))
print("[{!r:>8}]".format("ab"))
class C:
    def __repr__(self):
        return "C-repr"
    def __str__(self):
        return "C-str"
print("{} {!r} {!s}".format(C(), C(), C()))
