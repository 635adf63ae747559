# Timer: fires after its interval with args/kwargs; cancel() before it fires stops it
import threading, time
out = []
lock = threading.Lock()
def fire(tag, extra=""):
    with lock:
        out.append(tag + extra)
t = threading.Timer(0.02, fire, args=("fired",), kwargs={"extra": "!"})
t0 = time.monotonic()
t.start()
t.join()
print(out, time.monotonic() - t0 >= 0.015)
c = threading.Timer(10, fire, ("cancelled",))
c.start()
c.cancel()
t0 = time.monotonic()
c.join()
print(out, time.monotonic() - t0 < 5)
z = threading.Timer(0, fire, ["zero"])
z.start()
z.join()
print(out, isinstance(z, threading.Thread))
d = threading.Timer(0.01, fire, ("daemon",))
d.daemon = True
d.start()
d.join()
print(out)
print(d.finished.is_set(), c.finished.is_set())
