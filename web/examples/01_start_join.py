# Start and join threads.
# Each Thread runs its target function at the same time as the main thread.
# join() waits until that thread has finished.
import threading
import time

def worker(n):
    for step in range(3):
        print(f"worker {n}: step {step}")
        time.sleep(0.01 * n)      # let the others run meanwhile
    print(f"worker {n}: done")

threads = [threading.Thread(target=worker, args=(n,), name=f"worker-{n}") for n in range(1, 4)]
for t in threads:
    t.start()
print("main: started", len(threads), "threads")
for t in threads:
    t.join()                      # wait for each one
print("main: all threads joined")
