# functions as arguments and return values; map/filter/sorted/min/max with key
def apply(f, *args):
    return f(*args)
print(apply(max, 3, 9, 2), apply(len, "abc"), apply(lambda: "none"))
def compose(*fs):
    def composed(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return composed
h = compose(str, lambda x: x * 2, abs)
print(repr(h(-21)))
words = ["banana", "Apple", "cherry", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(min(words, key=len), max(words, key=lambda w: w[-1]))
print(list(map(pow, [2, 3], [3, 2])), list(map(str.upper, "ab")))
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
print(any(map(str.isdigit, "ab3")), all(x > 0 for x in [1, 2, 0]))
print(callable(print), callable(apply), callable(5), callable(int))
