# A pool limited by a semaphore.
# Six jobs start at once, but the semaphore lets only two of them work at the
# same time; the others wait for a free slot.
import threading
import time

slots = threading.BoundedSemaphore(2)
state_lock = threading.Lock()
running = 0
most = 0

def job(n):
    global running, most
    with slots:                   # wait for one of the two slots
        with state_lock:
            running += 1
            most = max(most, running)
        print(f"job {n} working")
        time.sleep(0.02)
        with state_lock:
            running -= 1
    print(f"job {n} done")

jobs = [threading.Thread(target=job, args=(n,)) for n in range(6)]
for j in jobs:
    j.start()
for j in jobs:
    j.join()
print("most jobs working at once:", most)
