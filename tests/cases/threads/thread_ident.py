# ident / native_id / get_ident: None before start, ints after, distinct per live thread
import threading, _thread
print(threading.get_ident() == _thread.get_ident() == threading.current_thread().ident)
print(threading.main_thread().ident == threading.get_ident())
print(isinstance(threading.get_native_id(), int))
go = threading.Event()
seen = {}
lock = threading.Lock()
def work(i):
    with lock:
        seen[i] = (threading.get_ident(), threading.current_thread().ident, threading.current_thread().native_id)
    go.wait()
ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
print([t.ident for t in ts], [t.native_id for t in ts])
for t in ts:
    t.start()
while True:
    with lock:
        if len(seen) == 4:
            break
go.set()
for t in ts:
    t.join()
print(all(seen[i][0] == seen[i][1] == ts[i].ident for i in range(4)))
print(len(set(t.ident for t in ts)) == 4, all(isinstance(t.ident, int) for t in ts))
print(all(isinstance(t.native_id, int) for t in ts))
print(threading.get_ident() not in [t.ident for t in ts])
