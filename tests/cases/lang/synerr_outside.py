# return/break/continue/yield/await in the wrong place are compile-time SyntaxErrors
def check(src):
    try:
        compile(src, "<case>", "exec")
        print("compiled OK")
    except SyntaxError as e:
        print(type(e).__name__, e.lineno)
check("return 5\n")
check("x = 1\nbreak\n")
check("x = 1\ny = 2\ncontinue\n")
check("x = 1\nyield x\n")
check("class C:\n    return 1\n")
check("def f():\n    class C:\n        yield 1\n")
check("await x\n")
check("def f():\n    await x\n")
check("async def f():\n    x = 1\n    yield from x\n")
check("for i in range(3):\n    def g():\n        break\n")
check("def f():\n    for i in range(3):\n        continue\n    return i\n")
