# Barrier: wait returns distinct indices, the action runs once per round, rounds repeat
import threading
actions = []
b = threading.Barrier(4, action=lambda: actions.append("round"))
print(b.parties, b.n_waiting, b.broken)
lock = threading.Lock()
indices = []
phases = []
def worker(i):
    for r in range(3):
        with lock:
            phases.append((r, i))
        idx = b.wait()
        with lock:
            indices.append((r, idx))
ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(actions)
for r in range(3):
    print(r, sorted(i for rr, i in indices if rr == r))
# every thread reached round r before anyone passed it
print(b.n_waiting, b.broken)
b1 = threading.Barrier(1)
print(b1.wait(), b1.wait())
