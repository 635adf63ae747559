# Loops and integer arithmetic: nested for/while loops, %, //, shifts, comparisons.


def collatz_steps(n):
    steps = 0
    while n != 1:
        if n & 1:
            n = 3 * n + 1
        else:
            n >>= 1
        steps += 1
    return steps


def longest_collatz(limit):
    best = 0
    best_n = 0
    for n in range(1, limit):
        s = collatz_steps(n)
        if s > best:
            best = s
            best_n = n
    return best_n, best


def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    return sum(1 for f in flags if f)


def grid(n):
    acc = 0
    for i in range(n):
        for j in range(n):
            acc += (i * j) % 7 - (i ^ j) // 3
    return acc


print("collatz", longest_collatz(60000))
print("primes", sieve(1000000))
print("grid", grid(700))
