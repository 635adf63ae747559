# __context__ is set implicitly when raising inside a handler
try:
    try:
        raise KeyError("first")
    except KeyError:
        raise ValueError("second")
except ValueError as e:
    print('type(e.__context__).__name__:', type(e.__context__).__name__)
    print('e.__context__:', e.__context__)
    print('e.__cause__:', e.__cause__)
try:
    try:
        raise IndexError
    finally:
        pass
except IndexError as e:
    print(e.__context__)
try:
    try:
        raise TypeError("a")
    except TypeError as inner:
        saved = inner
        raise RuntimeError("b") from ValueError("c")
except RuntimeError as e:
    print('e.__context__ is saved:', e.__context__ is saved)
    print('type(e.__cause__).__name__:', type(e.__cause__).__name__)
