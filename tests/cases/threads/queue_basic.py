# Queue: FIFO order, qsize/empty/full, maxsize, nowait variants, Empty/Full, timeouts
import queue, time
q = queue.Queue()
print(q.empty(), q.full(), q.qsize(), q.maxsize)
for i in range(5):
    q.put(i)
print(q.qsize(), q.empty(), q.full())
print([q.get() for _ in range(5)])
try:
    q.get_nowait()
except queue.Empty:
    print("Empty")
try:
    q.get(block=False)
except queue.Empty:
    print("Empty (block=False)")
t0 = time.monotonic()
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("Empty after timeout", time.monotonic() - t0 >= 0.04)
b = queue.Queue(maxsize=2)
b.put("a"); b.put_nowait("b")
print(b.full(), b.qsize())
try:
    b.put_nowait("c")
except queue.Full:
    print("Full")
t0 = time.monotonic()
try:
    b.put("c", timeout=0.05)
except queue.Full:
    print("Full after timeout", time.monotonic() - t0 >= 0.04)
try:
    b.put("c", block=False)
except queue.Full:
    print("Full (block=False)")
print(b.get_nowait(), b.get(), b.empty())
for bad in (lambda: q.get(timeout=-1), lambda: b.put(1, timeout=-1) or b.put(2) or b.put(3, timeout=-1)):
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
print(issubclass(queue.Empty, Exception), issubclass(queue.Full, Exception))
q.put(None)
print(q.get(True, 1), q.queue is not None, len(q.queue))
