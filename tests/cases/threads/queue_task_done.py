# task_done / join: join returns once every item was processed; too many task_done is ValueError
import queue, threading
q = queue.Queue()
processed = []
lock = threading.Lock()
def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        with lock:
            processed.append(item * item)
        q.task_done()
ts = [threading.Thread(target=worker) for _ in range(3)]
for t in ts:
    t.start()
for i in range(30):
    q.put(i)
q.join()
print(len(processed), sum(processed), q.unfinished_tasks)
for t in ts:
    q.put(None)
q.join()
for t in ts:
    t.join()
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)
q.join()
print("join on an idle queue returns")
