# int: arbitrary precision via factorials
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
for n in (0, 1, 5, 20, 21, 25, 30, 50):
    print(n, fact(n))
f100 = fact(100)
print(len(str(f100)))
print(str(f100)[:20], str(f100)[-30:])
print(f100 // fact(98))
print(f100 % 1000003)
print(fact(30) // fact(28) == 30 * 29)
