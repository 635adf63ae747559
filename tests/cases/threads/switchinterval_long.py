# With a switch interval far longer than the program, a thread that never blocks keeps the
# GIL: the main thread's loop and the worker's loop don't interleave (the hand-off is by
# time, not by instruction count).
import _thread
import sys

sys.setswitchinterval(1000.0)
print(sys.getswitchinterval())
log = []
done = _thread.allocate_lock()
done.acquire()


def worker():
    for i in range(30000):
        log.append("t")
    done.release()


_thread.start_new_thread(worker, ())
for i in range(30000):
    log.append("m")
done.acquire()
runs = 1 + sum(1 for a, b in zip(log, log[1:]) if a != b)
print(len(log), runs, log[0], log[-1])
sys.setswitchinterval(0.005)
print(sys.getswitchinterval())
