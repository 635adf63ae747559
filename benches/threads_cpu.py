# Threads: the same CPU-bound work split over 1, 2 and 4 threads (the GIL serialises it).
import _thread


def burn(n, out, lock, done):
    s = 0
    for i in range(n):
        s += i % 7
    with lock:
        out.append(s)
        if len(out) == done[0]:
            done[1].release()


def run(threads, total=400000):
    out = []
    lock = _thread.allocate_lock()
    finished = _thread.allocate_lock()
    finished.acquire()
    done = [threads, finished]
    for _ in range(threads):
        _thread.start_new_thread(burn, (total // threads, out, lock, done))
    finished.acquire()
    return sum(out)


print("checksum", run(1), run(2), run(4))
