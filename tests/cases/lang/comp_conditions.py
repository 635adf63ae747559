# comprehension filters: single, multiple, and conditional expressions
print([x for x in range(20) if x % 2 if x % 3])
print([x for x in range(20) if x % 2 and x % 3 == 0])
print([x if x % 2 else -x for x in range(6)])
print(["even" if n % 2 == 0 else "odd" for n in range(4) if n])
print([x for x in range(3) if True], [x for x in range(3) if False])
print([s for s in ["", "a", None, "b"] if s])
print({k: v for k, v in [("a", 0), ("b", 1)] if v})
print([(x, y) for x in range(4) if x > 1 for y in range(4) if y < x])
