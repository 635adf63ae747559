# start_new_thread: args tuple, kwargs dict, TypeError for a non-dict kwargs, results
import _thread, time
done = _thread.allocate_lock()
results = []
def f(a, b, c=0):
    results.append((a, b, c))
    if len(results) == 2:
        done.release()
done.acquire()
_thread.start_new_thread(f, (1, 2))
_thread.start_new_thread(f, (3, 4), {"c": 5})
done.acquire()
print(sorted(results))
for bad in [(f, (1, 2), [("c", 1)]), (f, [1, 2])]:
    try:
        _thread.start_new_thread(*bad)
    except TypeError:
        print("TypeError")
