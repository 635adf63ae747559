# enumerate / active_count / main_thread while threads run and after they ended
import threading
go = threading.Event()
ready = threading.Semaphore(0)
def work():
    ready.release()
    go.wait()
ts = [threading.Thread(target=work, name="w%d" % i) for i in range(3)]
print(threading.active_count(), [t.name for t in threading.enumerate()])
for t in ts:
    t.start()
for t in ts:
    ready.acquire()
print(threading.active_count(), sorted(t.name for t in threading.enumerate()))
print(all(t in threading.enumerate() for t in ts), threading.main_thread() in threading.enumerate())
go.set()
for t in ts:
    t.join()
print(threading.active_count(), [t.name for t in threading.enumerate()])
print(threading.activeCount(), threading.currentThread() is threading.main_thread())
