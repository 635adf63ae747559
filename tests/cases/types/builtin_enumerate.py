# builtins: enumerate with default and custom start
print(list(enumerate("abc")))
print(list(enumerate(["x", "y"], 1)))
print(list(enumerate([], 5)))
for i, v in enumerate((10, 20, 30), start=-1):
    print(i, v)
e = enumerate("hi")
print(next(e), next(e))
try:
    next(e)
except StopIteration:
    print("StopIteration")
