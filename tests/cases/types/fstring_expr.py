# f-strings: conversions !r/!s and nested quotes and expressions
s = "it's"
print(f"{s!r} {s!s} {s}")
print(f"{'x'!r:>6}")
items = [1, 2, 3]
print(f"{sum(items)} {max(items)} {items[-1]}")
print(f"{'yes' if items else 'no'}")
print(f"{len([c for c in 'hello' if c == 'l'])}")
class P:
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "p"
print(f"{P()} {P()!r} {P()!s}")
def f(a, b=2):
    return a * b
print(f"{f(3)} {f(3, b=4)}")
print(f"{3:3}{'|'}")
