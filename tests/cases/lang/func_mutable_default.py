# a mutable default is shared between calls (evaluated once at def time)
def append_to(x, target=[]):
    target.append(x)
    return target
print(append_to(1))
print(append_to(2))
r = append_to(3, [])
print(r)
print(append_to(4))
def counter(cache={}):
    cache["n"] = cache.get("n", 0) + 1
    return cache["n"]
print('counter():', counter())
print('counter():', counter())
print('counter():', counter())
a = append_to(5)
b = append_to(6)
print('a is b:', a is b)
print('a:', a)
