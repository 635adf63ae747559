# several producers and consumers through a small bounded Queue; nothing lost or duplicated
import queue, threading
q = queue.Queue(maxsize=4)
N_PROD, N_CONS, PER = 3, 3, 200
results = []
lock = threading.Lock()
def producer(p):
    for i in range(PER):
        q.put((p, i))
def consumer():
    mine = []
    while True:
        item = q.get()
        if item is None:
            break
        mine.append(item)
    with lock:
        results.extend(mine)
cons = [threading.Thread(target=consumer) for _ in range(N_CONS)]
prods = [threading.Thread(target=producer, args=(p,)) for p in range(N_PROD)]
for t in cons + prods:
    t.start()
for t in prods:
    t.join()
for _ in cons:
    q.put(None)
for t in cons:
    t.join()
print(len(results), len(set(results)), q.empty())
print(sorted(results) == sorted((p, i) for p in range(N_PROD) for i in range(PER)))
# per-producer order is kept by a single consumer
q2 = queue.Queue(2)
seq = []
def cons1():
    while True:
        x = q2.get()
        if x is None:
            return
        seq.append(x)
c = threading.Thread(target=cons1)
c.start()
for i in range(50):
    q2.put(i)
q2.put(None)
c.join()
print(seq == list(range(50)))
