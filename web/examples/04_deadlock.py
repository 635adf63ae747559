# A deadlock: two threads take two locks in opposite order.
# Thread A holds lock_a and waits for lock_b; thread B holds lock_b and waits
# for lock_a. Neither can go on. Weft notices the cycle and reports it.
# (The events make sure both threads hold their first lock before reaching
# for the second - without them this happens only with bad luck.)
# Fix: always take the locks in the same order.
import threading

lock_a = threading.Lock()
lock_b = threading.Lock()
a_has_one = threading.Event()
b_has_one = threading.Event()

def first_a_then_b():
    with lock_a:
        print("A: holding lock_a")
        a_has_one.set()
        b_has_one.wait()
        print("A: waiting for lock_b")
        with lock_b:
            print("A: never gets here")

def first_b_then_a():
    with lock_b:
        print("B: holding lock_b")
        b_has_one.set()
        a_has_one.wait()
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
