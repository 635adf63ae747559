# Semaphore / BoundedSemaphore: counting, non-blocking, timeout, release(n), errors
import threading, time
s = threading.Semaphore(2)
print(s.acquire(), s.acquire(), s.acquire(False), s.acquire(blocking=False))
t0 = time.monotonic()
print(s.acquire(timeout=0.05), time.monotonic() - t0 >= 0.04)
s.release()
print(s.acquire(timeout=0.05))
s.release(3)
print([s.acquire(False) for _ in range(4)])
for bad in (lambda: threading.Semaphore(-1), lambda: s.release(0), lambda: s.acquire(False, 1)):
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
b = threading.BoundedSemaphore(2)
with b:
    print("in with")
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)
b.acquire(); b.acquire()
try:
    b.release(3)
except ValueError as e:
    print("ValueError:", e)
b.release(2)
print(b.acquire(False), b.acquire(False), b.acquire(False))
s0 = threading.Semaphore(0)
got = []
def waiter():
    got.append(s0.acquire(timeout=5))
t = threading.Thread(target=waiter)
t.start()
s0.release()
t.join()
print(got)
