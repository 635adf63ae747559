# __enter__/__exit__: ordering, as-target, exception info, nested with
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print('exit self.name:', self.name)
        print('exit exc_type.__name__ if exc_type else None:', exc_type.__name__ if exc_type else None)
        return False
with CM("a") as v:
    print("body", v)
with CM("x") as x, CM("y") as y:
    print('two x:', x)
    print('two y:', y)
with CM("outer"):
    with CM("inner"):
        print("nested body")
try:
    with CM("err"):
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)
def f():
    with CM("ret"):
        return "returned"
print(f())
for i in range(2):
    with CM("loop%d" % i):
        if i == 0:
            continue
        break
