# an exception escaping a generator consumed by a for loop is uncaught (status 1)
def gen():
    yield 1
    yield 2
    raise RuntimeError("generator failed")
for x in gen():
    print("got", x)
print("never printed")
