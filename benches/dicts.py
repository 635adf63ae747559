# Dicts and sets: insertion, lookup, update, deletion, iteration, comprehensions.


def word_counts(n):
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    counts = {}
    for i in range(n):
        w = words[(i * 7) % len(words)] + str(i % 13)
        counts[w] = counts.get(w, 0) + 1
    return counts


def int_keys(n):
    d = {}
    for i in range(n):
        d[i * 31 % 10007] = i
    hits = 0
    for i in range(0, 20000, 3):
        if i in d:
            hits += d[i]
    for k in list(d.keys()):
        if k % 3 == 0:
            del d[k]
    return len(d), hits


def sets(n):
    a = set(range(0, n, 2))
    b = set(range(0, n, 3))
    u = a | b
    i = a & b
    d = a - b
    x = a ^ b
    s = set()
    for k in range(n):
        if k % 5 in (1, 3):
            s.add(k)
    s.discard(1)
    return len(u), len(i), len(d), len(x), len(s)


def comprehensions(n):
    squares = {i: i * i for i in range(n)}
    inverse = {v: k for k, v in squares.items() if v % 2}
    total = 0
    for k, v in sorted(inverse.items())[:100]:
        total += k - v
    merged = dict(squares)
    merged.update({i: -i for i in range(0, n, 7)})
    return len(inverse), total, sum(merged.values())


counts = word_counts(600000)
print("words", len(counts), sum(counts.values()), max(counts.values()))
print("ints", int_keys(200000))
print("sets", sets(400000))
print("comp", comprehensions(200000))
