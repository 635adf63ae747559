# Condition: wait(timeout) -> False, notify wakes a waiter (True), wait_for, errors
import threading, time
c = threading.Condition()
with c:
    t0 = time.monotonic()
    print(c.wait(0.05), time.monotonic() - t0 >= 0.04)
    print(c.wait(0))
    print(c.wait_for(lambda: False, 0.02), c.wait_for(lambda: 7))
try:
    c.wait()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    c.notify()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    c.notify_all()
except RuntimeError as e:
    print("RuntimeError:", e)
state = {"ready": False, "got": None}
def waiter():
    with c:
        state["got"] = c.wait_for(lambda: state["ready"], 5)
t = threading.Thread(target=waiter)
t.start()
with c:
    state["ready"] = True
    c.notify()
t.join()
print(state["got"])
results = []
waiting = [0]
def w2():
    with c:
        waiting[0] += 1
        c.notify_all()
        results.append(c.wait(5))
ts = [threading.Thread(target=w2) for _ in range(3)]
for t in ts:
    t.start()
with c:
    c.wait_for(lambda: waiting[0] == 3)
    c.notify_all()
for t in ts:
    t.join()
print(results)
with c:
    c.notify(5)
    c.notifyAll()
print("notify without waiters ok")
