# every way of calling a blocking lock method or sleep from a thread's code: plain call,
# keyword arguments, *args/**kwargs, a bound method kept in a variable, `with`, a Python
# __enter__, and inside a key function (green threads switch or wait in place at each)
import threading, _thread, time

lock = threading.Lock()
log = []

class Guard:
    def __enter__(self):
        lock.acquire()
        return self
    def __exit__(self, *a):
        lock.release()

def by_kw(k):
    lock.acquire(timeout=5)
    log.append(("kw", k))
    lock.release()

def by_star(k):
    args = (True, 5)
    lock.acquire(*args)
    log.append(("star", k))
    lock.release()
    kw = {"blocking": True, "timeout": 5}
    lock.acquire(**kw)
    log.append(("starstar", k))
    lock.release()

def by_bound(k):
    acq = lock.acquire
    acq()
    log.append(("bound", k))
    lock.release()
    s = time.sleep
    s(0)

def by_with(k):
    with lock:
        log.append(("with", k))
    with Guard():
        log.append(("guard", k))

def by_key(k):
    def key(v):
        with lock:
            return -v
    log.append(("key", k, sorted([1, 3, 2], key=key)))

def timed_out(k):
    # the lock is held by the main thread the whole time
    got = held.acquire(True, 0.01)
    log.append(("timeout", k, got))
    got = held.acquire(timeout=0.01)
    log.append(("timeout-kw", k, got))

held = threading.Lock()
held.acquire()
ts = []
for f in (by_kw, by_star, by_bound, by_with, by_key, timed_out):
    for k in range(3):
        ts.append(threading.Thread(target=f, args=(k,)))
lock.acquire()
for t in ts:
    t.start()
time.sleep(0.01)
lock.release()
for t in ts:
    t.join()
held.release()
print(sorted(log, key=repr))
print(len(log))
