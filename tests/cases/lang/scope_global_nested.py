# global declarations inside nested functions skip enclosing scopes
value = "global"
def outer():
    value = "enclosing"
    def inner():
        global value
        value = "set by inner"
    inner()
    return value
print('outer():', outer())
print('value:', value)
def outer2():
    def inner():
        global made_here
        made_here = 123
    inner()
print("made_here" in globals())
outer2()
print(made_here)
def reader():
    value = "local"
    def deep():
        global value
        return value
    return deep()
print(reader())
