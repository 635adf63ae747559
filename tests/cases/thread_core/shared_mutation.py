# four threads mutating one list, dict, set, bytearray and attribute never corrupt them
import _thread, time
class Box:
    n = 0
box = Box()
lst, dct, st, ba = [], {}, set(), bytearray()
lock = _thread.allocate_lock()
finished = [0]
def work(k):
    for i in range(2000):
        lst.append(i)
        dct[(k, i)] = i
        st.add((k, i))
        ba.append(i % 256)
        with lock:
            box.n += 1
    with lock:
        finished[0] += 1
for k in range(4):
    _thread.start_new_thread(work, (k,))
while True:
    with lock:
        if finished[0] == 4:
            break
    time.sleep(0.005)
print(len(lst), len(dct), len(st), len(ba), box.n)
print(sum(lst) == 4 * sum(range(2000)))
