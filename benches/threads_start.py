# Threads: start a thread and wait for it to finish (join through a lock), many times.
import _thread

total = [0]


def work(i, done):
    total[0] += i
    done.release()


for i in range(3000):
    done = _thread.allocate_lock()
    done.acquire()
    _thread.start_new_thread(work, (i, done))
    done.acquire()
print("checksum", total[0])
