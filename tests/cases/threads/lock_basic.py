# threading.Lock: acquire/release/locked, non-blocking, timeout, with, errors, cross-thread release
import threading, time
l = threading.Lock()
print(l.locked(), l.acquire(), l.locked(), l.acquire(False), l.acquire(blocking=False))
t0 = time.monotonic()
print(l.acquire(timeout=0.05), time.monotonic() - t0 >= 0.04)
print(l.acquire(True, 0))
l.release()
print(l.locked())
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError:", e)
with l:
    print("inside", l.locked())
print("outside", l.locked())
for args, kw in (((False, 1), {}), ((), {"timeout": -2})):
    try:
        l.acquire(*args, **kw)
    except ValueError as e:
        print("ValueError")
try:
    l.acquire(timeout=threading.TIMEOUT_MAX * 2)
except OverflowError:
    print("OverflowError")
l.acquire()
def releaser():
    l.release()
t = threading.Thread(target=releaser)
t.start()
t.join()
print("released by another thread:", l.locked())
print(isinstance(threading.TIMEOUT_MAX, float))
