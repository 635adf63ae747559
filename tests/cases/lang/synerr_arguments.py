# invalid parameter lists and call arguments raise SyntaxError
def check(src):
    try:
        compile(src, "<case>", "exec")
        print("compiled OK")
    except SyntaxError as e:
        print(type(e).__name__, e.lineno)
check("def f(a=1, b):\n    pass\n")
check("def f(x, x):\n    pass\n")
check("f(a=1, a=2)\n")
check("f(a=1, 2)\n")
check("f(**k, *a)\n")
check("f(**k, x)\n")
check("def f(*, **kw):\n    pass\n")
check("def f(*a, *b):\n    pass\n")
check("def f(**a, b):\n    pass\n")
check("lambda x, x: 0\n")
check("def f(a, /, b, *, c):\n    pass\n")
check("f(*a, *b, c=1, **d, **e)\n")
