# truth values of builtin objects and bool() conversion
vals = [0, 1, -1, 0.0, 0.5, "", "a", [], [0], (), (0,), {}, {0: 0}, None, True, False, set(), {1}, b"", b"x", range(0), range(2)]
for v in vals:
    print(repr(v), bool(v), "yes" if v else "no")
print(not [], not [1], not None)
x = []
if not x:
    print("empty list falsy")
while x:
    print("never")
print(bool(0j), bool(1j))
