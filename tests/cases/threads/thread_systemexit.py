# SystemExit in a thread ends only that thread, quietly; the program's status stays 0
import threading, sys, _thread
out = []
def a():
    sys.exit(3)
    out.append("never")
def b():
    _thread.exit()
def c():
    raise SystemExit("message")
def d():
    out.append("d ran")
ts = [threading.Thread(target=f) for f in (a, b, c, d)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(out, [t.is_alive() for t in ts])
lk = _thread.allocate_lock()
lk.acquire()
def e():
    lk.release()
    sys.exit(1)
_thread.start_new_thread(e, ())
lk.acquire()
print("main ends normally")
