# a blocked put is released by a get in another thread, a blocked get by a put
import queue, threading, time
q = queue.Queue(1)
q.put("first")
events = []
def putter():
    q.put("second")
    events.append("put done")
t = threading.Thread(target=putter)
t.start()
time.sleep(0.02)
print(events, q.full())
print(q.get())
t.join()
print(events, q.get())
def getter():
    events.append(q.get(timeout=5))
t = threading.Thread(target=getter)
t.start()
time.sleep(0.02)
q.put("third")
t.join()
print(events)
lq = queue.LifoQueue(1)
def lget():
    events.append(lq.get())
t = threading.Thread(target=lget)
t.start()
lq.put("lifo")
t.join()
print(events[-1])
