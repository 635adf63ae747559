# __call__ makes instances callable
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *rest, scale=1):
        return (self.n + x + sum(rest)) * scale
add3 = Adder(3)
print('add3(1):', add3(1))
print('add3(1, 2, 3):', add3(1, 2, 3))
print('add3(1, scale=10):', add3(1, scale=10))
print('callable(add3):', callable(add3))
print(list(map(Adder(100), [1, 2])))
class Counter:
    def __init__(self):
        self.calls = 0
    def __call__(self):
        self.calls += 1
        return self.calls
c = Counter()
c(); c()
print('c():', c())
print('c.calls:', c.calls)
class NotCallable:
    pass
print('callable(NotCallable()):', callable(NotCallable()))
print('callable(NotCallable):', callable(NotCallable))
try:
    NotCallable()()
except TypeError as e:
    print("not callable:", type(e).__name__)
