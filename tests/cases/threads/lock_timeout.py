# acquire(timeout=...) really times out while another thread holds the lock
import threading, time
l = threading.Lock()
held = threading.Event()
free = threading.Event()
def holder():
    with l:
        held.set()
        free.wait()
t = threading.Thread(target=holder)
t.start()
held.wait()
t0 = time.monotonic()
r = l.acquire(timeout=0.05)
dt = time.monotonic() - t0
print(r, dt >= 0.04, dt < 2)
print(l.acquire(blocking=False))
free.set()
print(l.acquire(timeout=5))
l.release()
t.join()
rl = threading.RLock()
def rholder():
    with rl:
        held.set()
        free.wait()
held.clear(); free.clear()
t = threading.Thread(target=rholder)
t.start()
held.wait()
t0 = time.monotonic()
print(rl.acquire(timeout=0.05), time.monotonic() - t0 >= 0.04)
free.set()
t.join()
print(rl.acquire(timeout=1))
rl.release()
