# list: repetition, concatenation and in-place variants
print([1, 2] * 3, 2 * [0], [1] * 0, [] * 5)
print([1] + [2, 3], [] + [])
l = [1]
l += [2]
l += (3, 4)
l *= 2
print(l)
a = [0] * 3
a[0] = 5
print(a)
try:
    [1] + (2,)
except TypeError:
    print("TypeError")
