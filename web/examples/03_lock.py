# The same counter, fixed with a Lock.
# Only one thread at a time can hold the lock, so the read-add-write
# happens as one step and no update is lost.
import threading
import time

counter = 0
N = 200
lock = threading.Lock()

def add():
    global counter
    for _ in range(N):
        with lock:                # acquire ... release, even on an exception
            value = counter
            time.sleep(0)         # other threads run, but must wait for the lock
            counter = value + 1

threads = [threading.Thread(target=add) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"expected {4 * N}, got {counter}")
print("updates lost:", 4 * N - counter)
