# LifoQueue and PriorityQueue ordering; a custom _put/_get subclass
import queue
l = queue.LifoQueue()
for i in range(5):
    l.put(i)
print([l.get() for _ in range(5)])
p = queue.PriorityQueue()
for item in [(3, "c"), (1, "a"), (5, "e"), (2, "b"), (4, "d"), (1, "a0")]:
    p.put(item)
print(p.qsize(), [p.get() for _ in range(6)])
p2 = queue.PriorityQueue(maxsize=3)
for x in (9, 7, 8):
    p2.put_nowait(x)
try:
    p2.put_nowait(1)
except queue.Full:
    print("Full")
print(p2.get_nowait(), p2.get_nowait(), p2.get_nowait(), p2.empty())
class Sorted(queue.Queue):
    def _init(self, maxsize):
        self.queue = []
    def _put(self, item):
        self.queue.append(item)
        self.queue.sort(reverse=True)
    def _get(self):
        return self.queue.pop()
s = Sorted()
for x in "queue":
    s.put(x)
print("".join(s.get() for _ in range(5)))
l2 = queue.LifoQueue(1)
l2.put("x")
print(l2.full())
try:
    l2.put("y", timeout=0.01)
except queue.Full:
    print("LifoQueue Full")
