# Generator pipelines: generator functions, generator expressions, yield from, send.


def numbers(n):
    for i in range(n):
        yield i


def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def squared(src):
    for x in src:
        yield x * x


def chunks(src, size):
    buf = []
    for x in src:
        buf.append(x)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf


def flatten(nested):
    for part in nested:
        yield from part


def accumulator():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x


def run():
    a = sum(squared(evens(numbers(1000000))))
    b = sum(len(c) for c in chunks(numbers(400000), 7))
    c = sum(flatten(chunks(squared(numbers(200000)), 10)))
    g = accumulator()
    next(g)
    last = 0
    for i in range(400000):
        last = g.send(i % 17)
    d = sum(x for x in (y * 3 for y in range(400000)) if x % 5)
    e = max(zip(numbers(50000), squared(numbers(50000))))
    return a, b, c, last, d, e


print("checksum", run())
