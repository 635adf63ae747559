# exec/eval/compile on valid and invalid source; SyntaxError inside exec is catchable
ns = {}
exec("a = 2\nb = a * 21\n", ns)
print(ns["b"])
print(eval("1 + 2 * 3"), eval("x * 2", {"x": 21}), eval("[i for i in range(3)]"))
code = compile("result = 6 * 7", "<string>", "exec")
exec(code, ns)
print(ns["result"])
expr = compile("10 // 3", "<string>", "eval")
print(eval(expr))
for src, mode in (("1 +", "eval"), ("x = 1", "eval"), ("def", "exec"), ("a = 1\nb = (", "exec")):
    try:
        compile(src, "<string>", mode)
        print(mode, "compiled")
    except SyntaxError as e:
        print(mode, type(e).__name__, e.lineno)
try:
    eval("1 +* 2")
except SyntaxError as e:
    print("eval:", type(e).__name__, e.lineno)
try:
    exec("for x in range(2):\n    print(x)\n    print(x))\n")
except SyntaxError as e:
    print("exec:", type(e).__name__, e.lineno)
def f():
    return eval("local_value + 1", {"local_value": 41})
print(f())
