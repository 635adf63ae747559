# RuntimeError on double start, join before start, join of self, daemon after start
import threading
ev = threading.Event()
t = threading.Thread(target=ev.wait)
try:
    t.join()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.is_alive() or print("not alive before start")
except RuntimeError as e:
    print("unexpected", e)
t.start()
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    t.daemon = True
except RuntimeError as e:
    print("RuntimeError:", e)
ev.set()
t.join()
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
out = []
def selfjoin():
    try:
        threading.current_thread().join()
    except RuntimeError as e:
        out.append(str(e))
s = threading.Thread(target=selfjoin)
s.start()
s.join()
print(out)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("main:", e)
