# the main program ends while non-daemon threads still run: they are joined and their
# output appears; a daemon thread blocked forever does not keep the program alive
import threading, time
started = threading.Event()
def late(i):
    started.wait()
    time.sleep(0.05 * i)
    print("worker", i, "finished")
def child():
    time.sleep(0.2)
    print("thread started by a worker finished")
def spawner():
    threading.Thread(target=child).start()
for i in (1, 2):
    threading.Thread(target=late, args=(i,)).start()
threading.Thread(target=spawner).start()
blocker = threading.Event()
threading.Thread(target=blocker.wait, daemon=True).start()
print("main ends")
started.set()
