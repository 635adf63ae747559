# objects with __await__ returning a generator can be awaited
class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks
    def __await__(self):
        for i in range(self.ticks):
            yield ("sleeping", i)
        return "slept %d" % self.ticks
async def worker():
    r1 = await Sleep(2)
    print(r1)
    r2 = await Sleep(0)
    print(r2)
    return "worker done"
co = worker()
try:
    while True:
        print("yielded", co.send(None))
except StopIteration as e:
    print(e.value)
class IterAwait:
    def __await__(self):
        return iter(["a", "b"])
async def uses_iter():
    res = await IterAwait()
    return res
co = uses_iter()
print('co.send(None):', co.send(None))
print('co.send(None):', co.send(None))
try:
    co.send(None)
except StopIteration as e:
    print("returned", e.value)
