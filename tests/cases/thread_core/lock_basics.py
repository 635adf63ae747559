# _thread locks: acquire/release/locked, non-blocking and timed acquire, errors
import _thread, time
l = _thread.allocate_lock()
print(type(l) is _thread.LockType, l.locked())
print(l.acquire(), l.locked())
print(l.acquire(False))
t0 = time.time()
print(l.acquire(True, 0.05), time.time() - t0 >= 0.04)
l.release()
print(l.locked())
try:
    l.release()
except RuntimeError:
    print("RuntimeError on release of an unlocked lock")
with l:
    print("in with", l.locked())
print("after with", l.locked())
try:
    l.acquire(False, 1)
except ValueError:
    print("ValueError: timeout with blocking=False")
print(isinstance(_thread.get_ident(), int), _thread.TIMEOUT_MAX > 1000)
