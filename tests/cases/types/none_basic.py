# None: identity, repr, truthiness, default return value
print(None, repr(None), str(None), type(None).__name__)
x = None
print(x is None, x is not None, x == None, bool(x))
def f():
    pass
print(f() is None)
def g():
    return
print(g())
print([None, None].count(None))
print({None: 1}[None])
print(None == 0, None == False, None != "")
try:
    None + 1
except TypeError:
    print("TypeError")
try:
    x()
except TypeError:
    print("TypeError call")
