# an exhausted generator keeps raising StopIteration and yields nothing more
def g():
    yield 1
    return "only once"
it = g()
print(list(it))
for attempt in range(2):
    try:
        next(it)
    except StopIteration as e:
        print("attempt", attempt, "value", e.value)
print('list(it):', list(it))
print('next(it, "default"):', next(it, "default"))
def failing():
    yield 1
    raise ValueError
f = failing()
next(f)
try:
    next(f)
except ValueError:
    print("raised once")
try:
    next(f)
except StopIteration:
    print("then exhausted")
