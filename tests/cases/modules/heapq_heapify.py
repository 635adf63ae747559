# heapq: heapify in place establishes the heap invariant
import heapq
data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0]
heapq.heapify(data)
print(data[0], len(data))
print(all(data[i] <= data[c] for i in range(len(data)) for c in (2 * i + 1, 2 * i + 2) if c < len(data)))
print([heapq.heappop(data) for _ in range(len(data))])
words = ["pear", "apple", "fig"]
heapq.heapify(words)
print(heapq.heappop(words), heapq.heappop(words), heapq.heappop(words))
e = []
heapq.heapify(e)
print(e)
