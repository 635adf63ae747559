# A lost-update race on a shared counter.
# `counter += 1` is a read, an add and a write. If another thread runs between
# the read and the write, its update is overwritten and lost.
# (time.sleep(0) makes the gap wide enough to see the race every time.)
import threading
import time

counter = 0
N = 200

def add():
    global counter
    for _ in range(N):
        value = counter           # read
        time.sleep(0)             # another thread may run here...
        counter = value + 1       # ...and this write overwrites its update

threads = [threading.Thread(target=add) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"expected {4 * N}, got {counter}")
print("updates lost:", 4 * N - counter)
