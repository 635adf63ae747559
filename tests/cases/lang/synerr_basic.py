# malformed statements and expressions raise SyntaxError with the right line number
def check(src):
    try:
        compile(src, "<case>", "exec")
        print("compiled OK")
    except SyntaxError as e:
        print(type(e).__name__, e.lineno)
check("x = 1\ny = = 2\n")
check("def f(:\n    pass\n")
check("x = 1\nx = 5 +\n")
check("a = 1\nb = 2\nc = 3 3\n")
check("import\n")
check("from os import\n")
check("if x\n    pass\n")
check("x = 1\nelse:\n    pass\n")
check("print 'hello'\n")
check("f(x for x in y, 1)\n")
check("x = 1\ny = 2\n")
print(issubclass(SyntaxError, Exception))
