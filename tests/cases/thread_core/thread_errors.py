# an exception in a thread is reported (stderr) and the others go on; SystemExit is quiet
import _thread, time
lock = _thread.allocate_lock()
log = []
def boom():
    raise ValueError("boom")
def quiet():
    _thread.exit()
def ok():
    with lock:
        log.append("ok")
for f in (boom, quiet, ok, ok):
    _thread.start_new_thread(f, ())
for _ in range(200):
    with lock:
        if len(log) == 2:
            break
    time.sleep(0.01)
print(log)
