# Producer / consumer with queue.Queue.
# The queue does the locking: put() and get() are safe from any thread, and a
# bounded queue makes the producer wait when the consumers fall behind.
import queue
import threading

q = queue.Queue(maxsize=3)
DONE = None

def producer():
    for item in range(8):
        q.put(item)               # blocks while the queue is full
        print("produced", item)
    for _ in range(2):
        q.put(DONE)               # one stop signal per consumer

results = []

def consumer(name):
    while True:
        item = q.get()            # blocks while the queue is empty
        if item is DONE:
            break
        print(f"{name} consumed {item}")
        results.append(item * item)

workers = [threading.Thread(target=consumer, args=(f"consumer-{i}",)) for i in (1, 2)]
for w in workers:
    w.start()
producer()
for w in workers:
    w.join()
print("sum of squares:", sum(results))
