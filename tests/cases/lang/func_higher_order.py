# functions as arguments and return values; map/filter/sorted/min/max with key
def apply(f, *args):
    return f(*args)
print('apply(max, 3, 9, 2):', apply(max, 3, 9, 2))
print('apply(len, "abc"):', apply(len, "abc"))
print('apply(lambda: "none"):', apply(lambda: "none"))
def compose(*fs):
    def composed(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return composed
h = compose(str, lambda x: x * 2, abs)
print(repr(h(-21)))
words = ["banana", "Apple", "cherry", "date"]
print('sorted(words):', sorted(words))
print('sorted(words, key=str.lower):', sorted(words, key=str.lower))
print('sorted(words, key=len, reverse=True):', sorted(words, key=len, reverse=True))
print('min(words, key=len):', min(words, key=len))
print('max(words, key=lambda w: w[-1]):', max(words, key=lambda w: w[-1]))
print('list(map(pow, [2, 3], [3, 2])):', list(map(pow, [2, 3], [3, 2])))
print('list(map(str.upper, "ab")):', list(map(str.upper, "ab")))
print(list(filter(None, [0, 1, "", "x", None, []])))
def make_multiplier(n):
    def mul(x):
        return x * n
    return mul
fs = [make_multiplier(i) for i in range(1, 4)]
print([f(10) for f in fs])
def reduce_(f, seq, init):
    acc = init
    for x in seq:
        acc = f(acc, x)
    return acc
print(reduce_(lambda a, b: a * b, range(1, 6), 1))
print('any(map(str.isdigit, "ab3")):', any(map(str.isdigit, "ab3")))
print('all(x > 0 for x in [1, 2, 0]):', all(x > 0 for x in [1, 2, 0]))
print('callable(print):', callable(print))
print('callable(apply):', callable(apply))
print('callable(5):', callable(5))
print('callable(int):', callable(int))
