# current_thread() in a thread started by _thread gives a dummy Thread (daemon, alive)
import _thread, threading
done = _thread.allocate_lock()
done.acquire()
info = []
def f():
    t = threading.current_thread()
    info.append((t.name.startswith("Dummy-"), t.daemon, t.is_alive(), t.ident == _thread.get_ident()))
    info.append(t is threading.current_thread())
    info.append(t in threading.enumerate())
    info.append(threading.Thread(target=print).daemon)
    done.release()
_thread.start_new_thread(f, ())
done.acquire()
print(info)
