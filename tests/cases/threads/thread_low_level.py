# _thread: start_new_thread (args, kwargs, errors), get_ident, allocate_lock/LockType,
# lock methods and aliases, stack_size, TIMEOUT_MAX, error, _count
import _thread, time
done = _thread.allocate_lock()
done.acquire()
res = []
def f(a, b=0, *, c=0):
    res.append((a, b, c, _thread.get_ident() != main))
    done.release()
main = _thread.get_ident()
ident = _thread.start_new_thread(f, (1,), {"b": 2, "c": 3})
done.acquire()
print(res, isinstance(ident, int))
for bad in ((f, (1,), [("c", 1)]), (f, [1]), (f, (1,), 5), (f,)):
    try:
        _thread.start_new_thread(*bad)
    except TypeError:
        print("TypeError")
l = _thread.allocate_lock()
print(isinstance(l, _thread.LockType), l.locked())
print(l.acquire_lock(), l.locked(), l.acquire(0))
l.release_lock()
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError:", e)
print(_thread.error is RuntimeError)
print(type(_thread.TIMEOUT_MAX).__name__)
old = _thread.stack_size()
print(isinstance(old, int))
try:
    _thread.stack_size(100)
except ValueError:
    print("ValueError for a tiny stack")
_thread.stack_size(256 * 1024)
def g():
    res.append("with 256k stack")
    done.release()
_thread.start_new_thread(g, ())
done.acquire()
_thread.stack_size(0)
print(res[-1])
try:
    _thread.exit()
except SystemExit:
    print("exit raises SystemExit")
print(_thread._count() >= 0)
