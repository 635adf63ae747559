# _thread: an uncaught exception ("Unhandled exception in thread started by ..." on
# stderr) and SystemExit end only their own thread; the others go on
import _thread, sys
lock = _thread.allocate_lock()
done = _thread.allocate_lock()
done.acquire()
log = []
def boom(n):
    raise ValueError("boom %d" % n)
def quiet():
    sys.exit(2)
def ok(n):
    with lock:
        log.append(n)
        if len(log) == 3:
            done.release()
for i in range(3):
    _thread.start_new_thread(boom, (i,))
    _thread.start_new_thread(quiet, ())
    _thread.start_new_thread(ok, (i,))
done.acquire()
print(sorted(log))
