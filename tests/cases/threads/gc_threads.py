# 10 threads allocate (lists, dicts, cycles) while another keeps calling gc.collect()
import threading, gc
stop = threading.Event()
lock = threading.Lock()
sums = []
collects = [0]
def allocator(k):
    total = 0
    for i in range(300):
        a = [i] * 20
        d = {"k": a, "s": str(i)}
        node = {"self": None}
        node["self"] = node
        b = bytearray(64)
        total += len(a) + len(d) + len(b)
    with lock:
        sums.append(total)
first = threading.Event()
def collector():
    while not stop.is_set():
        gc.collect()
        collects[0] += 1
        first.set()
c = threading.Thread(target=collector)
c.start()
ts = [threading.Thread(target=allocator, args=(k,)) for k in range(10)]
for t in ts:
    t.start()
for t in ts:
    t.join()
first.wait()
stop.set()
c.join()
print(sums == [300 * 86] * 10, collects[0] > 0)
gc.collect()
print("done")
