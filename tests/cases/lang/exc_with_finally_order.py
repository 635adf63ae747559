# ordering of with-exit, finally and except when an exception unwinds
class CM:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("enter", self.n)
        return self
    def __exit__(self, et, ev, tb):
        print('exit self.n:', self.n)
        print('exit et.__name__ if et else None:', et.__name__ if et else None)
def f():
    try:
        with CM(1):
            with CM(2):
                try:
                    raise ValueError("v")
                finally:
                    print("inner finally")
    except ValueError:
        print("except")
    finally:
        print("outer finally")
f()
