# decorators without arguments: wrapping, replacing, registering
def shout(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper()
    return wrapper
@shout
def greet(name):
    return "hello " + name
print(greet("world"))
registry = []
def register(fn):
    registry.append(fn.__name__)
    return fn
@register
def a():
    return "a"
@register
def b():
    return "b"
print('registry:', registry)
print('a():', a())
print('b():', b())
def trace(fn):
    def wrapper(*args):
        print('call fn.__name__:', fn.__name__)
        print('call args:', args)
        r = fn(*args)
        print("ret", r)
        return r
    return wrapper
@trace
def add(x, y):
    return x + y
add(2, 3)
def replace(fn):
    return 42
@replace
def gone():
    pass
print(gone)
print(greet.__name__)
