# Thread with target/args/kwargs, start, join; results collected under a lock
import threading
results = []
lock = threading.Lock()
def work(i, scale=1, *, offset=0):
    with lock:
        results.append(i * scale + offset)
ts = [threading.Thread(target=work, args=(i,), kwargs={"scale": 10, "offset": 1}) for i in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results))
t = threading.Thread()
t.start()
t.join()
print("empty thread ok", t.is_alive())
t = threading.Thread(target=print, args=("printed by a thread",))
t.start()
t.join()
