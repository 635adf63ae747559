# nested try blocks and exceptions raised inside handlers
def level(n):
    try:
        if n == 0:
            raise ValueError("bottom")
        return level(n - 1)
    except KeyError:
        print("never")
    finally:
        print("unwind", n)
try:
    level(3)
except ValueError as e:
    print("top caught", e)
try:
    try:
        raise IndexError("first")
    except IndexError:
        try:
            raise KeyError("second")
        except KeyError as e:
            print("inner handler", repr(e))
        print("back in first handler")
except Exception:
    print("never")
print("done")
try:
    try:
        1 / 0
    except ZeroDivisionError:
        undefined_call()
except NameError as e:
    print("handler raised", type(e).__name__)
