# range: negative steps, reversed() and empty ranges
print(list(range(10, 0, -2)), len(range(10, 0, -2)))
print(list(range(5, -5, -3)))
print(list(range(0, 5, -1)), len(range(0, 5, -1)))
print(list(reversed(range(4))), list(reversed(range(1, 10, 3))))
print(range(3, 0, -1), 2 in range(3, 0, -1), 0 in range(3, 0, -1))
for i in range(3, 0, -1):
    print(i)
