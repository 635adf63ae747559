# bytes: indexing, slicing with steps, iteration and immutability
b = bytes(range(10))
print(b[2], b[-1], b[2:5], b[-3:], b[:2])
print(b[5:2], b[-100:1], b[8:100])
for x in b"AZ":
    print(x)
try:
    b[20]
except IndexError:
    print("IndexError")
try:
    b[0] = 1
except TypeError:
    print("TypeError")
