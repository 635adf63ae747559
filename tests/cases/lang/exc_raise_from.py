# raise ... from ... sets __cause__; from None suppresses context
class AppError(Exception):
    pass
def load(d, k):
    try:
        return d[k]
    except KeyError as e:
        raise AppError("missing " + k) from e
try:
    load({}, "x")
except AppError as e:
    print('e:', e)
    print('type(e.__cause__).__name__:', type(e.__cause__).__name__)
    print('e.__cause__:', e.__cause__)
try:
    raise ValueError("v") from TypeError("t")
except ValueError as e:
    print(repr(e.__cause__))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("r") from None
except RuntimeError as e:
    print('e.__cause__:', e.__cause__)
    print('e.__suppress_context__:', e.__suppress_context__)
e = ValueError("fresh")
print(e.__cause__)
