# exception .args for zero, one and several arguments
for e in (Exception(), Exception("one"), Exception("a", 2, None), ValueError(1), KeyError("k", "v")):
    print('type(e).__name__:', type(e).__name__)
    print('e.args:', e.args)
    print('len(e.args):', len(e.args))
e = RuntimeError("x")
print('e.args[0]:', e.args[0])
print('type(e.args).__name__:', type(e.args).__name__)
try:
    raise IndexError(3, "three")
except IndexError as err:
    n, word = err.args
    print('n:', n)
    print('word:', word)
class Custom(Exception):
    pass
print(Custom(1, [2]).args)
