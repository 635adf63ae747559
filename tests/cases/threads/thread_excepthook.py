# threading.excepthook: a replacement sees exc_type/exc_value/thread; the default is back after
import threading
seen = []
def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))
def fail(msg):
    raise KeyError(msg)
def quit_():
    raise SystemExit(5)
threading.excepthook = hook
for i, f in enumerate((fail, quit_)):
    t = threading.Thread(target=f, args=("k",) if f is fail else (), name="t%d" % i)
    t.start()
    t.join()
print(seen)
threading.excepthook = threading.__excepthook__
t = threading.Thread(target=fail, args=("x",))
t.start()
t.join()
print(len(seen))
def badhook(args):
    raise RuntimeError("hook failed")
threading.excepthook = badhook
t = threading.Thread(target=fail, args=("y",))
t.start()
t.join()
threading.excepthook = threading.__excepthook__
print("still running")
