# A deadlock: two threads take two locks in opposite order.
# Thread A holds lock_a and waits for lock_b; thread B holds lock_b and waits
# for lock_a. Neither can go on. Weft notices the cycle and reports it.
# Fix: always take the locks in the same order.
import threading
import time

lock_a = threading.Lock()
lock_b = threading.Lock()

def first_a_then_b():
    with lock_a:
        print("A: holding lock_a")
        time.sleep(0.05)
        print("A: waiting for lock_b")
        with lock_b:
            print("A: never gets here")

def first_b_then_a():
    with lock_b:
        print("B: holding lock_b")
        time.sleep(0.05)
        print("B: waiting for lock_a")
        with lock_a:
            print("B: never gets here")

a = threading.Thread(target=first_a_then_b, name="A")
b = threading.Thread(target=first_b_then_a, name="B")
a.start()
b.start()
a.join()
b.join()
print("not reached")
