# str() and repr() of simple exceptions
excs = [Exception(), Exception("msg"), ValueError("bad value"), ValueError(1, 2), KeyError("key"), KeyError(5), IndexError(), TypeError("t"), RuntimeError("", "")]
for e in excs:
    print(str(e), "|", repr(e))
class MyErr(Exception):
    pass
print('str(MyErr("x")):', str(MyErr("x")))
print('repr(MyErr("x")):', repr(MyErr("x")))
print('repr(MyErr()):', repr(MyErr()))
print("%s" % ValueError("formatted"))
