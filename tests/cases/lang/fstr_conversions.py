# f-string conversions !r and !s
s = "text"
print(f"{s!r} {s!s} {s}")
class C:
    def __str__(self):
        return "str-form"
    def __repr__(self):
        return "repr-form"
c = C()
print(f"{c} {c!s} {c!r}")
print(f"{c!r:>12}|{c!s:<10}|")
print(f"{b'bytes'!r} {3.5!r} {None!r}")
print(f"{42!r} {[s]!s} {chr(10)!r}")
