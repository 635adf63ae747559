# throw() and close() are forwarded through yield from
def inner():
    try:
        yield "inner 1"
        yield "inner 2"
    except KeyError:
        print("inner caught KeyError")
        yield "inner recovered"
    finally:
        print("inner finally")
def outer():
    yield from inner()
    yield "outer after"
g = outer()
print(next(g))
print(g.throw(KeyError))
print(next(g))
g2 = outer()
next(g2)
g2.close()
print("closed through delegation")
g3 = outer()
next(g3)
try:
    g3.throw(ValueError("not handled"))
except ValueError as e:
    print("propagated out:", e)
