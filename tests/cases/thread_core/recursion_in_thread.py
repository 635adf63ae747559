# unbounded recursion in a thread raises RecursionError in that thread only
import _thread
done = _thread.allocate_lock()
done.acquire()
out = []
def rec(n):
    return rec(n + 1)
def t():
    try:
        rec(0)
    except RecursionError:
        out.append("RecursionError in thread")
    done.release()
_thread.start_new_thread(t, ())
done.acquire()
print(out, "main fine")
