# list: slice assignment (step 1) that replaces, grows, shrinks and inserts
l = list(range(6))
l[1:3] = ["a", "b"]
print(l)
l[1:3] = ["x"]
print(l)
l[1:2] = [10, 20, 30]
print(l)
l[0:0] = ["front"]
print(l)
l[len(l):] = ["back"]
print(l)
l[:] = [1, 2]
print(l)
l[5:] = [3]
print(l)
l[-1:] = (9, 8)
print(l)
l[1:3] = list(range(3))
print(l)
