# skip-cpython (CPython hangs forever; Weft reports the wait-for cycle and exits with 3)
import _thread, time
a = _thread.allocate_lock()
b = _thread.allocate_lock()
def t1():
    with a:
        time.sleep(0.05)
        with b:
            print("never")
_thread.start_new_thread(t1, ())
print("start")
with b:
    time.sleep(0.05)
    with a:
        print("never")
