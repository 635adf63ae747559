# unbounded recursion in a Thread raises RecursionError in that thread only
import threading
out = []
def rec(n):
    return rec(n + 1) + 1
def bad():
    try:
        rec(0)
    except RecursionError:
        out.append("RecursionError caught")
    out.append(rec.__name__)
def uncaught():
    rec(0)
def good():
    out.append(sum(range(100)))
for f in (bad, uncaught, good):
    t = threading.Thread(target=f)
    t.start()
    t.join()
print(out)
t1 = threading.Thread(target=bad)
t2 = threading.Thread(target=good)
t1.start(); t2.start(); t1.join(); t2.join()
print(sorted(map(str, out)))
def nested(n):
    return 0 if n == 0 else 1 + nested(n - 1)
print(nested(200))
