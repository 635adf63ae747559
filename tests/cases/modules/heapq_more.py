# heapq: replace/pushpop, nlargest/nsmallest with key, merge, user __lt__
import heapq
h = [1, 3, 5, 7]
print(heapq.heapreplace(h, 4), h)
print(heapq.heappushpop(h, 0), heapq.heappushpop(h, 6), h)
print(heapq.nlargest(3, [5, 1, 8, 3, 9]), heapq.nsmallest(2, [5, 1, 8, 3, 9]))
print(heapq.nlargest(2, ["aaa", "b", "cc"], key=len), heapq.nsmallest(0, [1]), heapq.nlargest(10, [2, 1]))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])))
print(list(heapq.merge([7, 4, 1], [8, 5], reverse=True)), list(heapq.merge(["a", "ccc"], ["bb"], key=len)))
class P:
    def __init__(self, p): self.p = p
    def __lt__(self, o): return self.p < o.p
    def __repr__(self): return "P(%d)" % self.p
q = []
for x in [5, 2, 8, 1]:
    heapq.heappush(q, P(x))
print(q, [heapq.heappop(q) for _ in range(4)])
data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
heapq.heapify(data)
print(data)
try:
    heapq.heappush((), 1)
except TypeError as e:
    print("TypeError", e)
try:
    heapq.heapreplace([], 1)
except IndexError as e:
    print("IndexError", e)
try:
    heapq.heappush([1], "a")
except TypeError:
    print("TypeError cmp")
