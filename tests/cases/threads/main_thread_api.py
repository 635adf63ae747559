# main_thread() / current_thread() from the main thread and from workers
import threading
m = threading.main_thread()
print(m is threading.current_thread(), m.name, m.is_alive(), m.daemon)
seen = []
def w():
    seen.append((threading.main_thread() is m, threading.current_thread() is not m,
                 threading.current_thread().name))
t = threading.Thread(target=w, name="worker")
t.start()
t.join()
print(seen)
try:
    m.join()
except RuntimeError as e:
    print("RuntimeError:", e)
