# invalid numeric and string literals raise SyntaxError
def check(src):
    try:
        compile(src, "<case>", "exec")
        print("compiled OK")
    except SyntaxError as e:
        print(type(e).__name__, e.lineno)
check("x = 'unterminated\n")
check("x = 1\ny = \"also\n")
check("x = '''never closed\n\n")
check("x = 0x\n")
check("x = 1_\n")
check("x = 1__0\n")
check("x = 09\n")
check("x = 0b102\n")
check("x = 1.2.3\n")
check("x = 0o8\n")
check("x = 00\ny = 0_0\n")
