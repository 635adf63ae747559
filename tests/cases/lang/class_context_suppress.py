# __exit__ returning a true value suppresses the exception
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            self.caught = ev
            print('suppressed et.__name__:', et.__name__)
            print('suppressed ev:', ev)
            return True
        return False
with Suppress(KeyError) as s:
    {}["missing"]
    print("not reached")
print("after", type(s.caught).__name__)
try:
    with Suppress(KeyError):
        [][0]
except IndexError:
    print("IndexError not suppressed")
with Suppress(Exception):
    pass
print("no exception case ok")
def g():
    for i in range(3):
        with Suppress(ZeroDivisionError):
            print('try i:', i)
            print('try 10 // (i - 1):', 10 // (i - 1))
    return "end"
print(g())
