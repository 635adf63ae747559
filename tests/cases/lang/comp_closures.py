# comprehensions inside functions capture enclosing locals; lambdas in comprehensions
def make(n):
    return [lambda: n + i for i in range(3)]
print([f() for f in make(10)])
def make_fixed(n):
    return [lambda i=i: n + i for i in range(3)]
print([f() for f in make_fixed(10)])
def outer():
    base = [1, 2]
    def inner():
        return [b * 2 for b in base]
    base.append(3)
    return inner()
print(outer())
def nested_scopes(m):
    return [[m * r + c for c in range(m)] for r in range(m)]
print(nested_scopes(3))
