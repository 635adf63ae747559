# recursive generators: permutations, tree walks, ranges
def perms(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        for rest in perms(items[:i] + items[i + 1:]):
            yield [items[i]] + rest
print(list(perms([1, 2, 3])))
def subsets(items):
    if not items:
        yield []
        return
    for s in subsets(items[1:]):
        yield s
        yield [items[0]] + s
print(sorted(subsets("abc")))
def binary(n):
    if n == 0:
        yield ""
        return
    for b in binary(n - 1):
        yield b + "0"
        yield b + "1"
print(list(binary(3)))
