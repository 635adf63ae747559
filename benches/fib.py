# Recursive Fibonacci: function calls, comparisons and small-int arithmetic.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


total = 0
for n in range(22, 32):
    total += fib(n)
print("fib(25) =", fib(25))
print("checksum", total)
