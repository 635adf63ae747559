# int: division by zero raises ZeroDivisionError for /, //, %
for name, f in (("div", lambda: 1 / 0), ("floordiv", lambda: 1 // 0), ("mod", lambda: 1 % 0),
                ("big floordiv", lambda: (2 ** 100) // 0), ("big mod", lambda: (2 ** 100) % 0)):
    try:
        f()
        print(name, "no error")
    except ZeroDivisionError:
        print(name, "ZeroDivisionError")
print(issubclass(ZeroDivisionError, ArithmeticError))
try:
    0 ** -1
except ZeroDivisionError:
    print("zero to negative power")
