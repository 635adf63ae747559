# invalid assignment, augmented assignment and del targets raise SyntaxError
def check(src):
    try:
        compile(src, "<case>", "exec")
        print("compiled OK")
    except SyntaxError as e:
        print(type(e).__name__, e.lineno)
check("x = 1\n1 = x\n")
check("f() = 3\n")
check("a + 1 = 2\n")
check("True = 1\n")
check("None = 0\n")
check("x = 1\nf() += 1\n")
check("(a, b) += (1, 2)\n")
check("del f()\n")
check("del 5\n")
check("*a = [1]\n")
check("a, *b, *c = [1, 2, 3]\n")
check("[a, b] = [1, 2]\n")
check("a.b, c[0], *d = 1, 2, 3, 4\n")
