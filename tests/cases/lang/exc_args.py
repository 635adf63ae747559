# exception .args for zero, one and several arguments
for e in (Exception(), Exception("one"), Exception("a", 2, None), ValueError(1), KeyError("k", "v")):
    print(type(e).__name__, e.args, len(e.args))
e = RuntimeError("x")
print(e.args[0], type(e.args).__name__)
try:
    raise IndexError(3, "three")
except IndexError as err:
    n, word = err.args
    print(n, word)
class Custom(Exception):
    pass
print(Custom(1, [2]).args)
