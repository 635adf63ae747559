# range: indexing and slicing produce ints and ranges
r = range(10, 20, 2)
print(r[0], r[-1], r[2], len(r))
print(r[1:3], list(r[1:3]))
print(r[::-1], list(r[::-1]))
print(list(r[::2]), list(r[-2:]))
try:
    r[5]
except IndexError:
    print("IndexError")
