# skip-cpython (CPython hangs forever; Weft reports the wait-for cycle and exits with 3)
# joining a thread that waits for an Event nobody can set any more
import threading
ev = threading.Event()
t = threading.Thread(target=ev.wait, name="waiter")
t.start()
print("joining")
t.join()
print("never")
