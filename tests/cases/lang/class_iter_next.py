# the iterator protocol with __iter__ and __next__ raising StopIteration
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)))
c = Countdown(3)
print('next(c):', next(c))
print('next(c):', next(c))
print('next(c):', next(c))
print('next(c, "done"):', next(c, "done"))
for x in c:
    print("never", x)
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return Countdown(self.n)
r = Range2(2)
print('list(r):', list(r))
print('list(r):', list(r))
print('sum(r):', sum(r))
print('sorted(r):', sorted(r))
a, b = Range2(2)
print('a:', a)
print('b:', b)
print(dict(zip(Range2(3), "abc")))
try:
    iter(5)
except TypeError as e:
    print("not iterable:", type(e).__name__)
class BadIter:
    def __iter__(self):
        return 5
try:
    iter(BadIter())
except TypeError as e:
    print("bad __iter__:", type(e).__name__)
