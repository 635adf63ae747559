# tuple and starred unpacking targets inside comprehensions
pairs = [(1, "a"), (2, "b")]
print([n * s for n, s in pairs])
print([first for first, *_ in ["xyz", "uv"]])
print([rest for _, *rest in ["xyz", "uv"]])
nested = [((1, 2), 3), ((4, 5), 6)]
print([a + b + c for (a, b), c in nested])
print({k: v for k, v in [("one", 1), ("two", 2)]})
print([i * c for i, c in enumerate("abc")])
