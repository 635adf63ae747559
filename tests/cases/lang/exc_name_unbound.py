# the 'as' name is deleted at the end of the except block
try:
    raise ValueError("x")
except ValueError as e:
    print("inside:", e)
try:
    e
except NameError as err:
    print("after handler:", type(err).__name__)
e = "preexisting"
try:
    raise KeyError
except KeyError as e:
    pass
try:
    print(e)
except NameError as err:
    print("even preexisting binding removed:", type(err).__name__)
def f():
    try:
        1 / 0
    except ZeroDivisionError as exc:
        saved = exc
    try:
        return exc
    except UnboundLocalError as u:
        return type(u).__name__, type(saved).__name__
print(f())
