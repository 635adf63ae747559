# __setattr__ and __delattr__ intercept attribute assignment and deletion
class Frozen:
    def __init__(self, x):
        object.__setattr__(self, "x", x)
    def __setattr__(self, name, value):
        raise AttributeError("frozen: " + name)
    def __delattr__(self, name):
        raise AttributeError("frozen del: " + name)
f = Frozen(5)
print(f.x)
try:
    f.x = 6
except AttributeError as e:
    print(e)
try:
    del f.x
except AttributeError as e:
    print(e)
print(f.x)
class Logged:
    def __setattr__(self, name, value):
        print("set", name, "=", value)
        super().__setattr__(name, value * 2)
    def __delattr__(self, name):
        print("del", name)
        super().__delattr__(name)
l = Logged()
l.a = 5
l.b = "s"
print('l.a:', l.a)
print('l.b:', l.b)
del l.a
print('hasattr(l, "a"):', hasattr(l, "a"))
print('hasattr(l, "b"):', hasattr(l, "b"))
