# Big integer arithmetic: factorials, powers, modular exponentiation, gcd loops, digits.


def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def digit_sum(n):
    # by chunks of 30 digits: big divmod, then small-int work
    total = 0
    chunk = 10**30
    while n:
        n, r = divmod(n, chunk)
        while r:
            r, d = divmod(r, 10)
            total += d
    return total


def fib_big(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


f = factorial(8000)
print("fact", digit_sum(f), f % 1000000007)
p = 3**90000
print("pow", digit_sum(p), p % 1000000007)
print("modpow", pow(7, 10**30, 10**40 + 7), pow(123456789, 65537, (1 << 521) - 1) % 10**20)
fa = fib_big(60000)
fb = fib_big(60001)
print("fib", digit_sum(fa), gcd(fa, fb), gcd(fib_big(6000), fib_big(9000)) == fib_big(3000))
acc = 0
x = 1 << 4000
for i in range(1, 12000):
    acc ^= (x // (i * 7919 + 1)) & 0xFFFFFFFF
    acc += (x >> i) % 1000003
print("mix", acc)
print("str", len(str(factorial(1000))), int(str(fib_big(3000))) == fib_big(3000))
print("checksum", (f % 999999937 + p % 999999929 + fa % 999999893) % 1000000007)
