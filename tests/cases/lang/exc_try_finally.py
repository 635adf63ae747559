# finally always runs: normal exit, exception, return, nested
def f(x):
    try:
        print("try", x)
        if x == "raise":
            raise RuntimeError("r")
        if x == "return":
            return "returned"
    finally:
        print("finally", x)
    return "after"
print(f("normal"))
print(f("return"))
try:
    f("raise")
except RuntimeError:
    print("propagated after finally")
try:
    try:
        try:
            raise KeyError("deep")
        finally:
            print("inner finally")
    finally:
        print("middle finally")
except KeyError as e:
    print("caught", e)
