# set comprehensions remove duplicates
s = {x % 3 for x in range(10)}
print('sorted(s):', sorted(s))
print('type(s).__name__:', type(s).__name__)
print(sorted({c.lower() for c in "AbBa"}))
print(sorted({len(w) for w in ["a", "bb", "cc", "ddd"]}))
print('{x for x in []} == set():', {x for x in []} == set())
print('len({(x, x) for x in "aab"}):', len({(x, x) for x in "aab"}))
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
print(sorted({w[0] for w in words if len(w) > 5}))
