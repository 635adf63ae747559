# builtins: repr of builtin values and user __repr__
print(repr(1), repr(-1.5), repr("s"), repr(b"b"), repr([1, "a"]), repr((1,)), repr(None))
print(repr({"k": [1, 2]}), repr(True), repr(()), repr([]), repr({}))
class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "P(%r, %r)" % (self.x, self.y)
print(repr(P(1, "a")), [P(2, 3)], {"p": P(0, 0)})
print(str(P(4, 5)))
print(repr(repr("q")))
