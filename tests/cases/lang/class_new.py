# __new__ controls instance creation; __init__ runs only on instances of cls
class Tracked:
    created = 0
    def __new__(cls, *args):
        print('__new__ cls.__name__:', cls.__name__)
        print('__new__ args:', args)
        Tracked.created += 1
        return super().__new__(cls)
    def __init__(self, value):
        print("__init__", value)
        self.value = value
t = Tracked(5)
print('t.value:', t.value)
print('Tracked.created:', Tracked.created)
class Sub(Tracked):
    pass
s = Sub(6)
print('type(s).__name__:', type(s).__name__)
print('s.value:', s.value)
print('Tracked.created:', Tracked.created)
class Other:
    def __init__(self):
        print("never runs")
class Factory:
    def __new__(cls):
        return 42
    def __init__(self):
        print("not called")
print(Factory())
class Cached:
    _cache = {}
    def __new__(cls, key):
        if key not in cls._cache:
            obj = super().__new__(cls)
            obj.key = key
            cls._cache[key] = obj
        return cls._cache[key]
print('Cached("a") is Cached("a"):', Cached("a") is Cached("a"))
print('Cached("a") is Cached("b"):', Cached("a") is Cached("b"))
print('Cached("b").key:', Cached("b").key)
