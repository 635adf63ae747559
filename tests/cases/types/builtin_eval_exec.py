# builtins: eval and exec with explicit globals/locals dicts
print(eval("1 + 2 * 3"))
print(eval("x * y", {"x": 6, "y": 7}))
g = {"a": 10}
exec("b = a * 2", g)
print(g["b"])
exec("def f(n):\n    return n + 100", g)
print(g["f"](1))
print(eval("[i * i for i in range(4)]"))
ns = {"total": 0}
exec("for i in range(4):\n    total += i", ns)
print(ns["total"])
code = "result = sum(range(5))"
d = {}
exec(code, d)
print(d["result"])
print(eval("'abc'.upper()"), eval("len", {"len": len})("four"))
try:
    eval("1 +")
except SyntaxError:
    print("SyntaxError")
try:
    eval("undefined_name")
except NameError:
    print("NameError")
