# KeyError str() shows the repr of the key; other errors show the message
try:
    {}["name"]
except KeyError as e:
    print('str(e):', str(e))
    print('e.args[0]:', e.args[0])
try:
    {}[(1, 2)]
except KeyError as e:
    print('e:', e)
    print('e.args:', e.args)
try:
    {}[42]
except KeyError as e:
    print(e)
print('str(KeyError()):', str(KeyError()))
print('str(KeyError("a", "b")):', str(KeyError("a", "b")))
print('str(ValueError("plain")):', str(ValueError("plain")))
print('str(IndexError("idx")):', str(IndexError("idx")))
