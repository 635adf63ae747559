# bool: repr, bool() truthiness of common values, not/and/or
print(True, False, repr(True), str(False))
for v in (0, 1, -1, 0.0, 0.5, "", "a", [], [0], (), (0,), {}, {0: 0}, None, set(), b"", b"\x00", 0j):
    print(repr(v), bool(v))
print(not True, not 0, not "", not [1])
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, "" or "x", None and 1)
print(bool(), type(bool()).__name__)
print(int(True), float(False))
