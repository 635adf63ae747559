# unbalanced brackets raise SyntaxError
def check(src):
    try:
        compile(src, "<case>", "exec")
        print("compiled OK")
    except SyntaxError as e:
        print(type(e).__name__, e.lineno)
check("x = [1, 2\n")
check("x = (1,\n     2\n")
check("x = {'a': 1\n")
check("x = 1)\n")
check("x = [1, 2)\n")
check("y = 1\nx = (1]\n")
check("x = (\n1\n)\n")
