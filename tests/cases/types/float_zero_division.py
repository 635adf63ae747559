# float: division by zero raises ZeroDivisionError
for name, f in (("1.0/0", lambda: 1.0 / 0), ("1/0.0", lambda: 1 / 0.0), ("1.0//0.0", lambda: 1.0 // 0.0),
                ("1.0%0.0", lambda: 1.0 % 0.0), ("0.0/0.0", lambda: 0.0 / 0.0)):
    try:
        f()
        print(name, "no error")
    except ZeroDivisionError:
        print(name, "ZeroDivisionError")
try:
    0.0 ** -1
except ZeroDivisionError:
    print("0.0 ** -1 ZeroDivisionError")
