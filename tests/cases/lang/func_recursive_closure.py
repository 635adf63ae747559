# a nested function that refers to itself recursively through its enclosing scope
def make_fact():
    def fact(n):
        return 1 if n == 0 else n * fact(n - 1)
    return fact
print(make_fact()(10))
def count_nodes(tree):
    def walk(node):
        if node is None:
            return 0
        return 1 + walk(node[0]) + walk(node[2])
    return walk(tree)
tree = ((None, 1, None), 2, ((None, 3, None), 4, None))
print(count_nodes(tree))
def memo_fib():
    cache = {}
    def fib(n):
        if n in cache:
            return cache[n]
        r = n if n < 2 else fib(n - 1) + fib(n - 2)
        cache[n] = r
        return r
    return fib
print(memo_fib()(80))
