# except with a tuple of types and binding via as
def trigger(i):
    return [lambda: int("x"), lambda: [][0], lambda: {}["k"], lambda: 1 / 0, lambda: None.x][i]()
for i in range(5):
    try:
        trigger(i)
    except (ValueError, IndexError) as e:
        print(i, "first clause", type(e).__name__)
    except (KeyError, ZeroDivisionError, AttributeError) as e:
        print(i, "second clause", type(e).__name__)
errs = (TypeError, ValueError)
try:
    int([])
except errs as e:
    print("tuple in variable:", type(e).__name__)
try:
    raise KeyError
except (LookupError,) as e:
    print("one-element tuple:", type(e).__name__)
