# globals() reflects and modifies module-level names
g = globals()
g["dynamic_name"] = "made via globals()"
print(dynamic_name)
answer = 42
print('g["answer"]:', g["answer"])
print('"answer" in g:', "answer" in g)
print('"nonexistent" in g:', "nonexistent" in g)
def f():
    return globals() is g
print(f())
def set_global():
    globals()["from_func"] = 7
set_global()
print(from_func)
print(sorted(k for k in g if k.startswith("dyn")))
