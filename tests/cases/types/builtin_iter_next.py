# builtins: iter/next with default, StopIteration, iterator protocol
it = iter([1, 2])
print(next(it), next(it), next(it, "default"), next(it, None))
try:
    next(it)
except StopIteration:
    print("StopIteration")
s = iter("ab")
print(list(s), list(s))
class Count:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Count(3)), sum(Count(4)))
d = iter({"k": 1, "j": 2})
print(next(d), next(d))
try:
    iter(5)
except TypeError:
    print("TypeError")
