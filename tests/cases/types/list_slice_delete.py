# list: del of items and step-1 slices
l = list(range(10))
del l[0]
print(l)
del l[-1]
print(l)
del l[2:4]
print(l)
del l[:2]
print(l)
del l[3:]
print(l)
del l[:]
print(l)
m = [1, 2, 3]
try:
    del m[5]
except IndexError:
    print("IndexError")
