# subclassing dict: __missing__-free defaults, attribute access, counters
class AttrDict(dict):
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k)
    def __setattr__(self, k, v):
        self[k] = v
a = AttrDict(x=1)
a.y = 2
print('a.x:', a.x)
print('a.y:', a.y)
print('a:', a)
print('sorted(a.keys()):', sorted(a.keys()))
print('isinstance(a, dict):', isinstance(a, dict))
try:
    a.missing
except AttributeError as e:
    print("AttributeError", e)
class Counter(dict):
    def add(self, k):
        self[k] = self.get(k, 0) + 1
c = Counter()
for ch in "mississippi":
    c.add(ch)
print('sorted(c.items()):', sorted(c.items()))
print('len(c):', len(c))
print('type(c).__name__:', type(c).__name__)
class Upper(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.upper(), v)
u = Upper()
u["abc"] = 1
u["Def"] = 2
print('u:', u)
print('"ABC" in u:', "ABC" in u)
