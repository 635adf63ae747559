# repr of Thread objects through their life, with the ident masked
import threading
def mask(t):
    r = repr(t)
    return r.replace(str(t.ident), "ID") if t.ident else r
ev = threading.Event()
t = threading.Thread(target=ev.wait, name="w")
print(mask(t))
t.start()
print(mask(t))
ev.set()
t.join()
print(mask(t))
d = threading.Thread(target=print, name="d", daemon=True, args=("",), kwargs={"end": ""})
print(mask(d))
print(mask(threading.main_thread()))
class Custom(threading.Thread):
    pass
print(mask(Custom(name="c")))
