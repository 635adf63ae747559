# builtins: callable() on functions, classes, instances, lambdas, builtins
def f():
    pass
class C:
    pass
class D:
    def __call__(self):
        return "called"
print(callable(f), callable(C), callable(C()), callable(D()), callable(lambda: 0))
print(callable(print), callable(len), callable(1), callable("s"), callable(None))
print(callable([].append), callable(str.upper))
print(D()())
