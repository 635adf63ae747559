# builtins: hash consistency between equal numbers and tuples (no str hashes printed)
print(hash(1) == hash(1.0), hash(0) == hash(0.0), hash(True) == hash(1), hash(False) == hash(0))
print(hash(-7) == hash(-7.0), hash(2 ** 40) == hash(float(2 ** 40)))
print(hash(42) == 42, hash(-5) == -5)
print(hash((1, 2)) == hash((1, 2)), hash((1, 2.0)) == hash((1, 2)))
print(hash("abc") == hash("ab" + "c"), hash(b"xy") == hash(b"x" + b"y"))
print(type(hash("s")).__name__, type(hash(3.5)).__name__)
for bad in ([], {}, set()):
    try:
        hash(bad)
    except TypeError:
        print("TypeError", type(bad).__name__)
class H:
    def __hash__(self):
        return 7
    def __eq__(self, other):
        return isinstance(other, H)
print(hash(H()), len({H(), H()}))
