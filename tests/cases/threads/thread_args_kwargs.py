# args may be any sequence, kwargs a dict; the Thread drops target/args after run
import threading
out = []
def f(*a, **k):
    out.append((a, sorted(k.items())))
for args, kw in (([1, 2], None), ((3,), {"x": 1}), ((), {}), ("ab", {"y": 2, "z": 3})):
    t = threading.Thread(target=f, args=args, kwargs=kw)
    t.start()
    t.join()
    print(hasattr(t, "_target"))
for o in out:
    print(o)
class Holder:
    pass
h = Holder()
t = threading.Thread(target=lambda h: setattr(h, "t", "set by thread"), args=(h,))
t.start()
t.join()
print(h.t)
