# assert statements with and without messages
assert True
assert 1 == 1, "not shown"
try:
    assert False
except AssertionError as e:
    print('bare assert: type(e).__name__:', type(e).__name__)
    print('bare assert: e.args:', e.args)
try:
    assert 1 > 2, "one is not greater than two"
except AssertionError as e:
    print("with message:", e)
try:
    x = []
    assert x, "list was %s" % ("empty" if not x else "full")
except AssertionError as e:
    print(e)
def checked(n):
    assert isinstance(n, int), ("bad", n)
    return n * 2
print(checked(4))
try:
    checked("s")
except AssertionError as e:
    print(e.args)
evaluated = []
assert True, evaluated.append("message evaluated")
print("message lazy:", evaluated)
print(issubclass(AssertionError, Exception))
