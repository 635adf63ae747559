# Two locks taken in opposite order with nothing between the two `with`s: taking a lock
# is a switch point on green threads, so explore reaches the deadly interleaving.
import threading
a = threading.Lock()
b = threading.Lock()
def f():
    with a:
        with b:
            pass
def g():
    with b:
        with a:
            pass
t1 = threading.Thread(target=f); t2 = threading.Thread(target=g)
t1.start(); t2.start(); t1.join(); t2.join()
print("done")
