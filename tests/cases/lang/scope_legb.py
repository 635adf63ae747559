# LEGB name resolution: local, enclosing, global, builtin
x = "global"
def outer():
    x = "enclosing"
    def inner():
        x = "local"
        return x
    def reads_enclosing():
        return x
    return inner(), reads_enclosing()
print(outer())
def reads_global():
    return x
print(reads_global())
def reads_builtin():
    return len("abc")
print(reads_builtin())
def nested_three():
    a = 1
    def l2():
        b = 2
        def l3():
            return a + b + len([x])
        return l3()
    return l2()
print(nested_three())
y = "late global"
def sees_late():
    return y
y = "updated global"
print(sees_late())
