# exceptions raised in __exit__ replace the body's exception; __enter__ errors skip __exit__
class RaisesInExit:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print("exit sees", et.__name__ if et else None)
        raise RuntimeError("from exit")
try:
    with RaisesInExit():
        raise ValueError("body")
except Exception as e:
    print('caught type(e).__name__:', type(e).__name__)
    print('caught e:', e)
try:
    with RaisesInExit():
        pass
except RuntimeError as e:
    print("exit raised without body error:", e)
class BadEnter:
    def __enter__(self):
        raise KeyError("enter")
    def __exit__(self, *a):
        print("never")
try:
    with BadEnter():
        print("never")
except KeyError as e:
    print("enter failed", e)
class Order:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("enter", self.n)
    def __exit__(self, *a):
        print("exit", self.n)
try:
    with Order(1), BadEnter(), Order(3):
        pass
except KeyError:
    print("second manager failed; first exited")
