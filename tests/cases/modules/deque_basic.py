# collections: deque append/appendleft/pop/popleft, len and truthiness (maxlen always given)
from collections import deque
d = deque((), 10)
print(len(d), bool(d))
d.append(1)
d.append(2)
d.appendleft(0)
print(len(d), bool(d))
print(d.popleft(), d.pop(), d.pop(), len(d))
try:
    d.pop()
except IndexError:
    print("IndexError pop")
try:
    d.popleft()
except IndexError:
    print("IndexError popleft")
q = deque((), 10)
for v in (5, 6, 7, 8):
    q.append(v)
out = []
while q:
    out.append(q.popleft())
print(out)
