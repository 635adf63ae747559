# throw() raises inside the generator at the paused yield
def gen():
    while True:
        try:
            yield "normal"
        except ValueError as e:
            print("generator handled", e)
            yield "recovered"
g = gen()
print(next(g))
print(g.throw(ValueError("oops")))
print(next(g))
def fragile():
    yield 1
    yield 2
f = fragile()
next(f)
try:
    f.throw(KeyError("k"))
except KeyError as e:
    print("propagated", e)
print(next(f, "finished"))
def cleanup():
    try:
        yield 1
    finally:
        print("cleanup ran")
c = cleanup()
next(c)
try:
    c.throw(RuntimeError)
except RuntimeError:
    print("caught after cleanup")
fresh = fragile()
try:
    fresh.throw(IndexError)
except IndexError:
    print("throw into unstarted generator raises immediately")
print(next(fresh, "unstarted gen is closed"))
