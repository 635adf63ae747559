# Barrier: abort, timeout and a failing action break it (BrokenBarrierError); reset mends it
import threading, time
print(issubclass(threading.BrokenBarrierError, RuntimeError))
b = threading.Barrier(3)
lock = threading.Lock()
out = []
def waiter():
    try:
        b.wait()
        r = "passed"
    except threading.BrokenBarrierError:
        r = "broken"
    with lock:
        out.append(r)
ts = [threading.Thread(target=waiter) for _ in range(2)]
for t in ts:
    t.start()
while b.n_waiting < 2:
    time.sleep(0.001)
b.abort()
for t in ts:
    t.join()
print(out, b.broken)
try:
    b.wait()
except threading.BrokenBarrierError:
    print("wait on a broken barrier")
b.reset()
print(b.broken, b.n_waiting)
# timeout
b2 = threading.Barrier(2, timeout=0.05)
t0 = time.monotonic()
try:
    b2.wait()
except threading.BrokenBarrierError:
    print("timed out", time.monotonic() - t0 >= 0.04, b2.broken)
b3 = threading.Barrier(2)
try:
    b3.wait(0.02)
except threading.BrokenBarrierError:
    print("per-call timeout", b3.broken)
# a failing action
def bad():
    raise ZeroDivisionError("in action")
b4 = threading.Barrier(2, action=bad)
out = []
def waiter4():
    try:
        b4.wait()
        r = "passed"
    except ZeroDivisionError:
        r = "action error"
    except threading.BrokenBarrierError:
        r = "broken"
    with lock:
        out.append(r)
t = threading.Thread(target=waiter4)
t.start()
waiter4()
t.join()
print(sorted(out), b4.broken)
# reset while someone waits
b5 = threading.Barrier(2)
b = b5
out = []
t = threading.Thread(target=waiter)
t.start()
while b5.n_waiting < 1:
    time.sleep(0.001)
b5.reset()
t.join()
print(out, b5.broken)
t = threading.Thread(target=waiter)
t.start()
print(b5.wait() in (0, 1))
t.join()
print(out)
