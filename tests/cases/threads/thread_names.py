# default names Thread-N (target), given names, the name setter, MainThread, Timer names
import threading
def worker():
    pass
class Sub(threading.Thread):
    pass
print(threading.current_thread().name, threading.main_thread().name)
a = threading.Thread(target=worker)
b = threading.Thread(target=worker, name="custom")
c = threading.Thread()
d = Sub()
e = threading.Thread(target=lambda: None)
f = threading.Timer(1.0, worker)
g = threading.Thread(target=worker, name=42)
print(a.name, "|", b.name, "|", c.name, "|", d.name, "|", e.name, "|", f.name, "|", g.name)
a.name = "renamed"
print(a.name, a.getName())
seen = []
def me():
    seen.append(threading.current_thread().name)
t = threading.Thread(target=me, name="inner")
t.start()
t.join()
print(seen)
