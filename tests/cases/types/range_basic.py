# range: len, iteration, membership, repr and attributes
r = range(5)
print(r, list(r), len(r))
print(range(2, 10, 3), list(range(2, 10, 3)), len(range(2, 10, 3)))
print(range(0), len(range(0)), list(range(5, 2)))
print(3 in r, 5 in r, -1 in r, 8 in range(2, 10, 3), 7 in range(2, 10, 3))
print(r.start, r.stop, r.step, range(1, 9, 2).step)
print(sum(range(101)), list(range(-3, 3)))
print(len(range(0, 10 ** 6)), len(range(1, 10, 4)))
try:
    range(1, 5, 0)
except ValueError:
    print("ValueError")
