# assignment expressions inside comprehension filters and elements
data = [1, 5, 8, 12, 3]
print('[y for x in data if (y := x * 2) > 10]:', [y for x in data if (y := x * 2) > 10])
print('y:', y)
def f(x):
    return x - 4
print([r for x in data if (r := f(x)) > 0])
counts = {}
print('[counts.setdefault(c, n := len(counts)) for c in "abcab"]:', [counts.setdefault(c, n := len(counts)) for c in "abcab"])
print('n:', n)
running = 0
print('[running := running + x for x in data]:', [running := running + x for x in data])
print('running:', running)
