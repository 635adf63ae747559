# several closures sharing one cell see each other's updates
def make():
    state = 0
    def get():
        return state
    def inc():
        nonlocal state
        state += 1
    def reset():
        nonlocal state
        state = 0
    return get, inc, reset
get, inc, reset = make()
inc(); inc(); inc()
print(get())
reset()
print(get())
inc()
print(get())
def outer():
    v = "before"
    f = lambda: v
    v = "after"
    return f()
print(outer())
def param_cell(x):
    def g():
        return x
    x = x * 2
    return g
print(param_cell(21)())
