# send() passes values into a generator; the first send must be None
def echo():
    received = None
    while True:
        received = yield "got %r" % (received,)
g = echo()
print(g.send(None))
print(g.send(1))
print(g.send("two"))
print(next(g))
def averager():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
next(a)
print('a.send(10):', a.send(10))
print('a.send(20):', a.send(20))
print('a.send(60):', a.send(60))
try:
    echo().send("not none")
except TypeError as e:
    print("non-None first send:", type(e).__name__)
def accumulate():
    items = []
    while True:
        x = yield len(items)
        if x is None:
            return items
        items.append(x)
acc = accumulate()
next(acc)
acc.send("a")
acc.send("b")
try:
    acc.send(None)
except StopIteration as e:
    print("returned", e.value)
