# subclassing Thread: overriding run, __init__ calling super().__init__, results on self
import threading
class Summer(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.total = None
    def run(self):
        self.total = sum(range(self.n))
class WithTarget(threading.Thread):
    def run(self):
        print("run overrides target; target is", self._target.__name__)
ts = [Summer(n) for n in (10, 100, 1000)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print([t.total for t in ts])
def never():
    print("never")
w = WithTarget(target=never)
w.start()
w.join()
class NoInit(threading.Thread):
    def __init__(self):
        pass
try:
    NoInit().start()
except RuntimeError as e:
    print("RuntimeError:", e)
