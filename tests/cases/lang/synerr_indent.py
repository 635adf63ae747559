# indentation errors are SyntaxError subclasses with line numbers
def check(src):
    try:
        compile(src, "<case>", "exec")
        print("compiled OK")
    except SyntaxError as e:
        print(type(e).__name__, e.lineno)
check("if True:\nprint(1)\n")
check("  x = 1\n")
check("x = 1\n    y = 2\n")
check("for i in range(3):\n        a = 1\n    b = 2\n")
check("def f():\n    return 1\n  x = 2\n")
check("def f():\n\n    return 1\n")
check("if True:\n    pass\nelse:\n    x = 1\n")
print(issubclass(IndentationError, SyntaxError))
try:
    compile("while True:\nbreak\n", "<case>", "exec")
except SyntaxError as e:
    print("caught as SyntaxError:", type(e).__name__, e.lineno)
