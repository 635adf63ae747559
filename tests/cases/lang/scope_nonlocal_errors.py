# nonlocal and global misuse are SyntaxErrors detected at compile time
srcs = [
    "def f():\n    nonlocal x\n",
    "nonlocal y\n",
    "def f():\n    x = 1\n    global x\n",
    "def f(a):\n    global a\n",
]
for src in srcs:
    try:
        compile(src, "<test>", "exec")
        print("compiled")
    except SyntaxError as e:
        print(type(e).__name__)
ok = "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n    g()\n    return x\n"
ns = {}
exec(ok, ns)
print(ns["f"]())
