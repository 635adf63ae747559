# generator expressions: laziness, single use, as sole call argument
g = (x * x for x in range(5))
print('type(g).__name__:', type(g).__name__)
print('next(g):', next(g))
print('next(g):', next(g))
print('list(g):', list(g))
print('list(g):', list(g))
print('sum(x for x in range(10) if x % 2):', sum(x for x in range(10) if x % 2))
print('max(len(w) for w in ["a", "abc", "ab"]):', max(len(w) for w in ["a", "abc", "ab"]))
log = []
def src():
    for i in range(3):
        log.append(i)
        yield i
lazy = (v * 10 for v in src())
print(log)
print('next(lazy):', next(lazy))
print('log:', log)
print('list(lazy):', list(lazy))
print('log:', log)
nested = ((i, j) for i in range(2) for j in "ab")
print(list(nested))
print(sorted((c for c in "hello"), reverse=True))
print('any(x > 3 for x in [1, 5]):', any(x > 3 for x in [1, 5]))
print('all(x for x in []):', all(x for x in []))
print(dict((k, len(k)) for k in ["aa", "b"]))
print(", ".join(str(i) for i in range(4)))
