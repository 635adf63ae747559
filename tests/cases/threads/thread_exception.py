# an exception in a Thread goes to stderr (excepthook); other threads and main go on
import threading
lock = threading.Lock()
done = []
def boom(i):
    raise ValueError("boom %d" % i)
def ok(i):
    with lock:
        done.append(i)
ts = []
for i in range(6):
    ts.append(threading.Thread(target=boom if i % 2 else ok, args=(i,)))
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(done), [t.is_alive() for t in ts])
def deep():
    def a():
        return {}["missing"]
    return a()
t = threading.Thread(target=deep)
t.start()
t.join()
print("main continues")
