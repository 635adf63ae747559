# Threads: an uncontended lock acquire/release pair (with-statement and explicit calls).
import _thread

lock = _thread.allocate_lock()
n = 0
for i in range(300000):
    with lock:
        n += 1
    lock.acquire()
    n += 1
    lock.release()
print("checksum", n)
