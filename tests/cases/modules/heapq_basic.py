# heapq: heappush/heappop produce items in sorted order
import heapq
h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h[0], len(h))
out = []
while h:
    out.append(heapq.heappop(h))
print(out)
t = []
for item in [(3, "c"), (1, "a"), (2, "b")]:
    heapq.heappush(t, item)
print([heapq.heappop(t) for _ in range(3)])
try:
    heapq.heappop([])
except IndexError:
    print("IndexError")
