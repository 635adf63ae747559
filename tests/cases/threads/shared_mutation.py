# 4 threads mutate one list, dict, set, bytearray and instance attribute under load:
# the containers stay consistent (checked by invariants)
import threading
class Obj:
    def __init__(self):
        self.count = 0
        self.items = []
obj = Obj()
lst, dct, st, ba = [], {}, set(), bytearray()
lock = threading.Lock()
N = 3000
start = threading.Barrier(4)
def work(k):
    start.wait()
    for i in range(N):
        lst.append((k, i))
        dct[k * N + i] = i
        st.add(k * N + i)
        ba.append(k)
        if i % 3 == 0:
            lst.pop()
            del dct[k * N + i]
            st.discard(k * N + i)
            ba.pop()
        with lock:
            obj.count += 1
        obj.items.append(i)
        setattr(obj, "last%d" % k, i)
ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
kept = 4 * (N - (N + 2) // 3)
print(len(lst), len(dct), len(st), len(ba), kept)
print(obj.count, len(obj.items), [getattr(obj, "last%d" % k) for k in range(4)])
print(sorted(set(ba)), sum(dct.values()) == 4 * sum(i for i in range(N) if i % 3))
print(st == set(dct), all(isinstance(x, tuple) for x in lst))
