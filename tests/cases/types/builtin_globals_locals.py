# builtins: globals() at module level, dynamic global assignment
x = 5
g = globals()
print(g["x"], "x" in g, "print" in g)
g["dynamic"] = "made via globals"
print(dynamic)
print(type(g).__name__, globals() is g)
print(locals() is globals())
def f():
    global created
    created = 1
f()
print(created, "created" in globals())
print(g["__name__"])
