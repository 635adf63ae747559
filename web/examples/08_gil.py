# The GIL: CPU-bound threads don't run faster.
# Only one thread executes Python bytecode at a time (the global interpreter
# lock), so splitting pure computation over threads gives no speed-up.
# Threads still help when they wait (sleep, I/O, locks): waiting releases the GIL.
import threading
import time

def now_ms():
    return time.time_ns() // 1000000

def count(n):
    total = 0
    for i in range(n):
        total += i
    return total

WORK = 200000
count(WORK)                       # warm up

t0 = now_ms()
count(WORK)
count(WORK)
one = now_ms() - t0

threads = [threading.Thread(target=count, args=(WORK,)) for _ in range(2)]
t0 = now_ms()
for t in threads:
    t.start()
for t in threads:
    t.join()
two = now_ms() - t0

print(f"one thread, 2 jobs:  {one} ms")
print(f"two threads, 1 each: {two} ms")
print("speed-up:", round(one / max(two, 1), 2))
print("(with the GIL it stays near 1 or below: taking turns has a cost)")
