# collections: deque with maxlen drops items from the opposite end when full
from collections import deque
d = deque((), 3)
for i in range(6):
    d.append(i)
    print(len(d))
print(d.popleft(), d.popleft(), d.popleft())
d2 = deque((), 2)
d2.append("a")
d2.append("b")
d2.append("c")
print(d2.pop(), d2.pop(), len(d2))
