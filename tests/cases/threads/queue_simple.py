# SimpleQueue: unbounded FIFO, get with block/timeout, Empty, across threads
import queue, threading, time
s = queue.SimpleQueue()
print(s.empty(), s.qsize())
for i in range(3):
    s.put(i)
s.put_nowait(3)
s.put(4, block=False, timeout=1)
print(s.qsize(), s.empty(), [s.get() for _ in range(4)], s.get_nowait())
try:
    s.get_nowait()
except queue.Empty:
    print("Empty")
try:
    s.get(False)
except queue.Empty:
    print("Empty (block=False)")
t0 = time.monotonic()
try:
    s.get(timeout=0.05)
except queue.Empty:
    print("Empty after timeout", time.monotonic() - t0 >= 0.04)
try:
    s.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)
def producer():
    for i in range(100):
        s.put(i)
t = threading.Thread(target=producer)
t.start()
got = [s.get(timeout=5) for _ in range(100)]
t.join()
print(got == list(range(100)), s.empty())
