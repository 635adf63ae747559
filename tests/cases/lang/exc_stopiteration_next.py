# next() raises StopIteration on exhausted iterators unless a default is given
it = iter([1])
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
print('next(it, "default"):', next(it, "default"))
print('next(iter([]), None):', next(iter([]), None))
def g():
    yield 1
    return "ret"
gi = g()
next(gi)
try:
    next(gi)
except StopIteration as e:
    print('value: e.value:', e.value)
    print('value: e.args:', e.args)
try:
    raise StopIteration(5)
except StopIteration as e:
    print("manual:", e.value)
print(issubclass(StopIteration, Exception))
