# functions stored in lists and dicts, compared, and passed around
def a():
    return "a"
def b():
    return "b"
table = {"x": a, "y": b}
print('table["x"]():', table["x"]())
print('table["y"]():', table["y"]())
lst = [a, b, a]
print('[f() for f in lst]:', [f() for f in lst])
print('lst[0] is lst[2]:', lst[0] is lst[2])
print('a == b:', a == b)
def dispatch(name, *args):
    return {"len": len, "sum": sum, "max": max}[name](*args)
print('dispatch("len", "hello"):', dispatch("len", "hello"))
print('dispatch("sum", [1, 2]):', dispatch("sum", [1, 2]))
print('dispatch("max", [3, 9]):', dispatch("max", [3, 9]))
f = a
del a
print('f():', f())
print('f.__name__:', f.__name__)
funcs = [abs, str, lambda v: v * 2]
print([g(-3) for g in funcs])
