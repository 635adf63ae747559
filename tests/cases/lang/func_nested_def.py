# nested function definitions, conditional definitions and redefinition
def outer(flag):
    if flag:
        def choice():
            return "first"
    else:
        def choice():
            return "second"
    return choice()
print('outer(True):', outer(True))
print('outer(False):', outer(False))
def f():
    return 1
print(f())
def f():
    return 2
print(f())
def make_ops():
    def add(a, b):
        return a + b
    def mul(a, b):
        return a * b
    return add, mul
add, mul = make_ops()
print('add(2, 3):', add(2, 3))
print('mul(2, 3):', mul(2, 3))
def deep():
    def l1():
        def l2():
            def l3():
                return "deepest"
            return l3()
        return l2()
    return l1()
print(deep())
def fresh():
    def inner():
        pass
    return inner
print('fresh() is fresh():', fresh() is fresh())
print('fresh() == fresh():', fresh() == fresh())
