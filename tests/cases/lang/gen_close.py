# close() raises GeneratorExit inside the generator; finally runs
def gen():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("got GeneratorExit")
        raise
    finally:
        print("finally")
g = gen()
print(next(g))
g.close()
print(next(g, "closed"))
g.close()
print("second close ok")
unstarted = gen()
unstarted.close()
print("closing unstarted prints nothing")
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "ignored"
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("yield after GeneratorExit:", type(e).__name__)
def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        return
r = returns_on_close()
next(r)
r.close()
print("clean close")
