# lambda expressions: arguments, defaults, immediately invoked, in data structures
sq = lambda x: x * x
print('sq(7):', sq(7))
print('(lambda: "no args")():', (lambda: "no args")())
print('(lambda *a, **k: (a, k))(1, b=2):', (lambda *a, **k: (a, k))(1, b=2))
add = lambda a, b=10: a + b
print('add(1):', add(1))
print('add(1, 2):', add(1, 2))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print([ops[o](6, 3) for o in "+-*"])
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
print(list(map(lambda x: x % 3, range(7))))
print(list(filter(lambda x: x % 2, range(10))))
compose = lambda f, g: lambda x: f(g(x))
inc_then_sq = compose(sq, lambda x: x + 1)
print(inc_then_sq(4))
kwonly = lambda *, k: k
print(kwonly(k="kw"))
print((lambda x: (lambda y: x + y))(3)(4))
print('type(sq).__name__:', type(sq).__name__)
print('sq.__name__:', sq.__name__)
