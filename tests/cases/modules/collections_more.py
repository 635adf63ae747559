# collections: namedtuple options/errors, deque methods, OrderedDict, defaultdict, Counter
from collections import namedtuple, deque, OrderedDict, defaultdict, Counter
P = namedtuple("P", "x, y", defaults=[0])
p = P(1)
print(p, P._fields, p._asdict(), p._replace(y=5), P._make([3, 4]), P._field_defaults)
print(repr(P), P.__name__, P.__module__)
try:
    P()
except TypeError as e:
    print("TE", e)
try:
    P(1, 2, 3)
except TypeError as e:
    print("TE", e)
try:
    P(1, z=2)
except TypeError as e:
    print("TE", e)
try:
    namedtuple("Q", "a a")
except ValueError as e:
    print("VE", e)
try:
    namedtuple("Q", "a _b")
except ValueError as e:
    print("VE", e)
print(namedtuple("R", "a def _c a", rename=True)._fields)
print(hash(p) == hash((1, 0)), p + (9,), p * 2, p.count(1), p.index(0), p < P(2, 0))
class Sub(P):
    def norm(self): return self.x + self.y
print(Sub(3, 4).norm(), Sub(3, 4))
d = deque([1, 2, 3], maxlen=5)
print(d, len(d), d[0], d[-1], 2 in d, 9 in d, d.maxlen)
d.extend([4, 5, 6])
print(d)
d.rotate(2); print(d)
d.rotate(-1); print(d)
d.extendleft("ab"); print(d)
print(list(reversed(d)), d.count(3), d.index(3))
d[0] = 'z'; del d[1]; print(d)
d.clear(); print(d, bool(d))
e = deque(); e.append(1); e.appendleft(0); print(e, e == deque([0, 1]), e != deque([0]), e == [0, 1])
print(deque("abc") + deque("d"), deque(range(3)).copy(), deque((), 0))
e.remove(0); print(e)
try: e.remove(7)
except ValueError as x: print("VE", x)
try: hash(e); print("hashable")
except TypeError as x: print("TE")
try: deque([], -1)
except ValueError as x: print("VE", x)
try: e[5]
except IndexError as x: print("IE", x)
print(isinstance(e, deque), type(e).__name__)
it = iter(e)
e.append(3)
try: next(it)
except RuntimeError as x: print("RE", x)
od = OrderedDict.fromkeys("abcde")
od.move_to_end("b"); print(list(od))
od.move_to_end("b", last=False); print(list(od))
print(od.popitem(), od.popitem(last=False), list(od))
print(OrderedDict([(1, 2)]), OrderedDict())
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))
dd = defaultdict(list)
dd["a"].append(1); dd["a"].append(2); dd["b"]
print(dd, dict(dd), "c" in dd, dd.get("c"))
ci = defaultdict(int)
for w in "the cat the dog the".split():
    ci[w] += 1
print(sorted(ci.items()), ci.default_factory)
n = defaultdict()
try: n["x"]
except KeyError as x: print("KE", x)
try: defaultdict(5)
except TypeError as x: print("TE")
print(isinstance(dd, dict), isinstance(dd, defaultdict))
c = Counter("abracadabra")
print(c, c["a"], c["z"], c.most_common(2), sorted(c.elements())[:4], c.total())
c.update("zz"); c.subtract({"a": 4}); print(c)
print(Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3, b=1) - Counter(a=1, b=2))
print(Counter(a=3, b=1) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2))
print(Counter(), Counter({"x": 2}) == Counter(x=2))
