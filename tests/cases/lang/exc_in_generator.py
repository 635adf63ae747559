# exceptions raised inside generators propagate to the consumer; generator is then finished
def gen():
    yield 1
    raise ValueError("inside gen")
    yield 2
g = gen()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("consumer caught:", e)
print(next(g, "exhausted"))
def guarded():
    for i in range(3):
        try:
            if i == 1:
                raise KeyError(i)
            yield i
        except KeyError:
            yield "handled %d" % i
print(list(guarded()))
def with_finally():
    try:
        yield "a"
        yield "b"
    finally:
        print("generator finally")
for x in with_finally():
    print(x)
try:
    for x in gen():
        print("loop got", x)
except ValueError:
    print("for loop propagated")
