# a Semaphore limits how many workers run at once
import threading, time
pool = threading.BoundedSemaphore(3)
lock = threading.Lock()
running = [0]
peak = [0]
done = []
def worker(i):
    with pool:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.01)
        x = 0
        for k in range(2000):
            x += k
        with lock:
            running[0] -= 1
            done.append(i)
ts = [threading.Thread(target=worker, args=(i,)) for i in range(12)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(done))
print(1 <= peak[0] <= 3, running[0])
