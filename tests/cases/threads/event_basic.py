# Event: set/clear/is_set, wait(timeout) returns the flag, wait released by another thread
import threading, time
e = threading.Event()
print(e.is_set(), e.isSet())
t0 = time.monotonic()
print(e.wait(0.05), time.monotonic() - t0 >= 0.04)
print(e.wait(0))
e.set()
print(e.is_set(), e.wait(), e.wait(0))
e.clear()
print(e.is_set())
res = []
lock = threading.Lock()
def waiter(i):
    r = e.wait(10)
    with lock:
        res.append((i, r))
ts = [threading.Thread(target=waiter, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
e.set()
for t in ts:
    t.join()
print(sorted(res))
