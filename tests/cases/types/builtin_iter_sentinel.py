# builtins: two-argument iter(callable, sentinel)
vals = [1, 2, 3, 0, 4, 5]
pos = [0]
def nxt():
    v = vals[pos[0]]
    pos[0] += 1
    return v
print(list(iter(nxt, 0)))
print(pos[0])
count = [0]
def counter():
    count[0] += 1
    return count[0]
it = iter(counter, 4)
print(next(it), next(it), next(it), next(it, "done"))
lines = iter(["a", "b", "", "c"])
print(list(iter(lambda: next(lines), "")))
