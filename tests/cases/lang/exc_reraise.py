# bare raise re-raises the current exception, also from a nested function call path
def f():
    try:
        raise ValueError("original")
    except ValueError:
        print("logging and re-raising")
        raise
try:
    f()
except ValueError as e:
    print("caught again:", e)
try:
    try:
        raise KeyError("k")
    except KeyError as e:
        err = e
        raise
except KeyError as e2:
    print(e2 is err)
def handler():
    try:
        raise TypeError("t")
    except TypeError:
        try:
            raise ValueError("inner")
        except ValueError:
            pass
        raise
try:
    handler()
except Exception as e:
    print('re-raised after inner handled: type(e).__name__:', type(e).__name__)
    print('re-raised after inner handled: e:', e)
try:
    raise
except RuntimeError as e:
    print("bare raise with no active exception:", type(e).__name__)
