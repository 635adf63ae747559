# notify(n) wakes at most n waiters; notify_all wakes the rest
import threading
c = threading.Condition()
mc = threading.Condition()  # for the main thread to watch progress
waiting = [0]
woken = []
def waiter(i):
    with c:
        with mc:
            waiting[0] += 1
            mc.notify_all()
        c.wait()
        with mc:
            woken.append(i)
            mc.notify_all()
ts = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
with mc:
    mc.wait_for(lambda: waiting[0] == 5)
with c:  # every waiter released c inside wait()
    c.notify(2)
with mc:
    mc.wait_for(lambda: len(woken) == 2)
print(len(woken))
with c:
    c.notify(1)
with mc:
    mc.wait_for(lambda: len(woken) == 3)
print(len(woken))
with c:
    c.notify_all()
for t in ts:
    t.join()
print(len(woken), sorted(woken))
