# daemon flag: main is non-daemon, threads inherit from their creator, explicit values win
import threading
print(threading.main_thread().daemon, threading.current_thread().daemon)
res = {}
def inner():
    pass
def outer(key):
    me = threading.current_thread()
    a = threading.Thread(target=inner)
    b = threading.Thread(target=inner, daemon=False)
    c = threading.Thread(target=inner, daemon=True)
    res[key] = (me.daemon, a.daemon, b.daemon, c.daemon)
for key, d in (("daemon", True), ("normal", False), ("default", None)):
    t = threading.Thread(target=outer, args=(key,), daemon=d)
    t.start()
    t.join()
for k in sorted(res):
    print(k, res[k])
t = threading.Thread(target=inner)
t.daemon = True
print(t.daemon, t.isDaemon())
t.setDaemon(False)
print(t.daemon)
