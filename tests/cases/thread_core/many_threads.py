# 500 short-lived threads in a row, each joined through a lock
import _thread
total = [0]
for i in range(500):
    l = _thread.allocate_lock()
    l.acquire()
    def run(i=i, l=l):
        total[0] += i
        l.release()
    _thread.start_new_thread(run, ())
    l.acquire()
print(total[0])
