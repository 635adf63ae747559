# a local subclass: __init__ runs once in every thread that touches it, with the same args
import threading
class Ctx(threading.local):
    inits = 0
    def __init__(self, base, *, step=1):
        Ctx.inits += 1
        self.value = base
        self.step = step
    def bump(self):
        self.value += self.step
        return self.value
ctx = Ctx(100, step=5)
print(ctx.value, ctx.bump(), Ctx.inits)
res = {}
lock = threading.Lock()
def work(i):
    for _ in range(i):
        ctx.bump()
    with lock:
        res[i] = ctx.value
ts = [threading.Thread(target=work, args=(i,)) for i in range(1, 4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(res.items()), ctx.value, Ctx.inits)
try:
    threading.local(1)
except TypeError:
    print("TypeError: local takes no arguments")
