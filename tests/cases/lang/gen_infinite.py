# infinite generators consumed with manual limits
def naturals():
    n = 0
    while True:
        yield n
        n += 1
def take(n, it):
    out = []
    for x in it:
        if len(out) >= n:
            break
        out.append(x)
    return out
print(take(5, naturals()))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(take(15, fib()))
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1
print(take(10, primes()))
def cycle(seq):
    while True:
        yield from seq
print(take(7, cycle("abc")))
evens = (n for n in naturals() if n % 2 == 0)
print([next(evens) for _ in range(5)])
