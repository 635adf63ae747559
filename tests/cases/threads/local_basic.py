# threading.local: each thread sees its own attributes
import threading
data = threading.local()
data.x = "main"
out = {}
lock = threading.Lock()
def work(i):
    has = hasattr(data, "x")
    data.x = i
    data.y = [i]
    for _ in range(200):
        data.y.append(i)
    with lock:
        out[i] = (has, data.x, len(data.y), set(data.y) == {i})
ts = [threading.Thread(target=work, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for i in sorted(out):
    print(i, out[i])
print(data.x, hasattr(data, "y"))
del data.x
print(hasattr(data, "x"))
try:
    del data.x
except AttributeError:
    print("AttributeError on del")
try:
    data.nope
except AttributeError:
    print("AttributeError on read")
