# ArithmeticError covers ZeroDivisionError and OverflowError
def safe(f):
    try:
        return f()
    except ArithmeticError as e:
        return type(e).__name__
print('safe(lambda: 1 / 0):', safe(lambda: 1 / 0))
print('safe(lambda: 1 % 0):', safe(lambda: 1 % 0))
print('safe(lambda: divmod(1, 0)):', safe(lambda: divmod(1, 0)))
print('safe(lambda: 1.0 / 0):', safe(lambda: 1.0 / 0))
print('safe(lambda: 6 / 3):', safe(lambda: 6 / 3))
print('safe(lambda: 7 // 0.0):', safe(lambda: 7 // 0.0))
print('issubclass(ZeroDivisionError, ArithmeticError):', issubclass(ZeroDivisionError, ArithmeticError))
print('issubclass(OverflowError, ArithmeticError):', issubclass(OverflowError, ArithmeticError))
print(issubclass(ArithmeticError, Exception))
try:
    int(float("inf"))
except OverflowError as e:
    print("int(inf):", type(e).__name__)
