# RLock: re-entrant for its owner, release by a non-owner or when free is a RuntimeError
import threading
r = threading.RLock()
print(r.acquire(), r.acquire(), r.acquire(False))
r.release(); r.release(); r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
with r:
    with r:
        print("nested with ok")
r.acquire()
out = []
def other():
    out.append(r.acquire(False))
    try:
        r.release()
    except RuntimeError as e:
        out.append("RuntimeError: %s" % e)
t = threading.Thread(target=other)
t.start()
t.join()
print(out)
r.release()
def other2():
    out.append(r.acquire(False))
    r.release()
t = threading.Thread(target=other2)
t.start()
t.join()
print(out)
# a counter protected by an RLock in recursive code
count = [0]
def rec(n):
    with r:
        if n:
            count[0] += 1
            rec(n - 1)
ts = [threading.Thread(target=rec, args=(50,)) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(count[0])
