# Threads: 4 threads x 100 000 lock-protected increments of one shared counter.
import _thread

lock = _thread.allocate_lock()
state = {"n": 0, "finished": 0}
all_done = _thread.allocate_lock()
all_done.acquire()


def work():
    for _ in range(100000):
        with lock:
            state["n"] += 1
    with lock:
        state["finished"] += 1
        if state["finished"] == 4:
            all_done.release()


for _ in range(4):
    _thread.start_new_thread(work, ())
all_done.acquire()
print("checksum", state["n"])
