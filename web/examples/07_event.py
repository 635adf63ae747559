# Signalling with threading.Event.
# Waiters block in wait() until another thread calls set(); then all of them
# wake up at once.
import threading
import time

ready = threading.Event()

def waiter(n):
    print(f"waiter {n}: waiting for the signal")
    ready.wait()
    print(f"waiter {n}: got it")

waiters = [threading.Thread(target=waiter, args=(n,)) for n in range(3)]
for w in waiters:
    w.start()
time.sleep(0.05)
print("main: is_set() =", ready.is_set())
print("main: sending the signal")
ready.set()
for w in waiters:
    w.join()
print("main: is_set() =", ready.is_set())
