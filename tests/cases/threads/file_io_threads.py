# Several threads write and read their own files while another thread counts: file I/O
# runs with the GIL released and must neither corrupt data nor lose writes.
import _thread, os, time

N = 4
done = _thread.allocate_lock()
left = [N]
count_lock = _thread.allocate_lock()
results = {}
base = "thread_file_io_%d" % os.getpid() if hasattr(os, "getpid") else "thread_file_io"

def worker(i):
    name = "%s_%d.txt" % (base, i)
    with open(name, "w") as f:
        for j in range(200):
            f.write("line %d of thread %d\n" % (j, i))
    with open(name) as f:
        lines = f.readlines()
    with open(name, "rb") as f:
        data = f.read()
    os.remove(name)
    with count_lock:
        results[i] = (len(lines), lines[0], lines[-1], len(data))
        left[0] -= 1
        if left[0] == 0:
            done.release()

done.acquire()
for i in range(N):
    _thread.start_new_thread(worker, (i,))
# a shared file appended to from all threads, one line per call
shared = base + "_shared.txt"
open(shared, "w").close()
def appender(i):
    for j in range(50):
        with open(shared, "a") as f:
            f.write("%d:%d\n" % (i, j))
    with count_lock:
        left[0] -= 1
        if left[0] == 0:
            done.release()
done.acquire()
left[0] = 3
for i in range(3):
    _thread.start_new_thread(appender, (i,))
done.acquire()
for i in sorted(results):
    print(i, results[i])
with open(shared) as f:
    lines = f.read().split()
os.remove(shared)
print(len(lines), sorted(lines) == sorted("%d:%d" % (i, j) for i in range(3) for j in range(50)))
