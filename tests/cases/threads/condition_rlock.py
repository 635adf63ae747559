# Condition over an RLock held twice (wait releases fully, then restores the count);
# over a plain Lock; Condition shares the lock's acquire/release
import threading
rl = threading.RLock()
c = threading.Condition(rl)
flag = []
def setter():
    with c:
        flag.append(1)
        c.notify()
with c:
    with c:
        t = threading.Thread(target=setter)
        t.start()
        print(c.wait_for(lambda: flag, 5))
        print(rl._is_owned())
    print(rl._is_owned())
print(rl.acquire(False))
rl.release()
t.join()
l = threading.Lock()
c2 = threading.Condition(l)
box = []
def producer():
    with c2:
        box.append("item")
        c2.notify()
with c2:
    t = threading.Thread(target=producer)
    t.start()
    while not box:
        c2.wait()
    print(box, l.locked())
print(l.locked())
t.join()
print(c2.acquire(), l.locked())
c2.release()
print(l.locked())
