# common operations raise the expected builtin exception types
def set_item(t):
    t[0] = 1
ops = [
    ("1/0", lambda: 1 / 0),
    ("{}[1]", lambda: {}[1]),
    ("[][0]", lambda: [][0]),
    ("'a'+1", lambda: "a" + 1),
    ("int('z')", lambda: int("z")),
    ("None.x", lambda: None.x),
    ("undefined", lambda: undefined_variable),
    ("[].remove(1)", lambda: [].remove(1)),
    ("'abc'.index('z')", lambda: "abc".index("z")),
    ("next(iter([]))", lambda: next(iter([]))),
    ("len(5)", lambda: len(5)),
    ("chr(-1)", lambda: chr(-1)),
    ("{}.pop(1)", lambda: {}.pop(1)),
    ("[].pop()", lambda: [].pop()),
    ("'x' * 'y'", lambda: "x" * "y"),
    ("tuple assign", lambda: set_item((1, 2))),
    ("int(None)", lambda: int(None)),
]
for name, op in ops:
    try:
        op()
        print(name, "no error")
    except Exception as e:
        print(name, "->", type(e).__name__)
