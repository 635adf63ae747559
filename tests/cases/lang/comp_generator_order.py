# evaluation order: outermost iterable evaluated once, eagerly; inner ones per iteration
log = []
def src(name, n):
    log.append(name)
    return range(n)
g = (x for x in src("outer", 2))
print(log)
list(g)
lst = [(a, b) for a in src("A", 2) for b in src("B", 2)]
print(lst)
print(log)
