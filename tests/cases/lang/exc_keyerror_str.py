# KeyError str() shows the repr of the key; other errors show the message
try:
    {}["name"]
except KeyError as e:
    print(str(e), e.args[0])
try:
    {}[(1, 2)]
except KeyError as e:
    print(e, e.args)
try:
    {}[42]
except KeyError as e:
    print(e)
print(str(KeyError()), str(KeyError("a", "b")))
print(str(ValueError("plain")), str(IndexError("idx")))
