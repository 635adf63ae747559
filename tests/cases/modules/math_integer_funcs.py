# math: integer functions (factorial, gcd, lcm, comb, perm, isqrt) incl. big ints and errors
import math
print(math.factorial(0), math.factorial(20), math.factorial(30))
print(math.gcd(12, 18), math.gcd(-12, 18), math.gcd(), math.gcd(2 ** 100, 6 ** 50, 12))
print(math.lcm(4, 6, 10), math.lcm(), math.lcm(0, 5))
print(math.comb(50, 20), math.comb(3, 5), math.perm(10, 3), math.perm(5), math.perm(3, 5))
print(math.isqrt(10 ** 20), math.isqrt(99))
for f in (lambda: math.factorial(-1), lambda: math.factorial(5.0), lambda: math.comb(-1, 2),
          lambda: math.isqrt(-1), lambda: math.gcd(1.5)):
    try:
        f()
    except (ValueError, TypeError) as e:
        print(type(e).__name__)
