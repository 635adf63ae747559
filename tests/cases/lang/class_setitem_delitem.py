# __setitem__ and __delitem__ for a custom mapping
class Store:
    def __init__(self):
        self.data = {}
        self.log = []
    def __setitem__(self, k, v):
        self.log.append(("set", k))
        self.data[k] = v
    def __getitem__(self, k):
        return self.data[k]
    def __delitem__(self, k):
        self.log.append(("del", k))
        del self.data[k]
s = Store()
s["a"] = 1
s["b"] = 2
del s["a"]
print(s.data)
print(s.log)
s["b"] += 5
print(s["b"])
try:
    del s["missing"]
except KeyError as e:
    print("KeyError", e)
class RO:
    def __getitem__(self, k):
        return k
try:
    RO()[0] = 1
except TypeError as e:
    print("no setitem:", type(e).__name__)
try:
    del RO()[0]
except (TypeError, AttributeError) as e:
    print("no delitem:", type(e).__name__)
