# builtins: pow with two and three arguments, ints/floats/negatives
print(pow(2, 8), pow(-2, 3), pow(2, -1), pow(2.0, 0.5) == 2 ** 0.5)
print(pow(0, 0), pow(1, 1000), pow(10, 20))
print(pow(3, 4, 5), pow(3, 3, 7), pow(2, 100, 1000007))
print(2 ** 3 ** 2, (2 ** 3) ** 2)
try:
    pow(2, 3, 0)
except ValueError:
    print("ValueError")
