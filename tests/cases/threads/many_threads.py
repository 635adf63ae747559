# 500 short-lived Threads in a row, then 50 at once
import threading
total = [0]
lock = threading.Lock()
def add(i):
    with lock:
        total[0] += i
for i in range(500):
    t = threading.Thread(target=add, args=(i,))
    t.start()
    t.join()
print(total[0], threading.active_count())
ts = [threading.Thread(target=add, args=(1,)) for _ in range(50)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(total[0], threading.active_count(), len(threading.enumerate()))
