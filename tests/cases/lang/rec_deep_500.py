# recursion 500 levels deep works within the default limit
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print(depth(500))
def sum_list(lst, i=0):
    if i == len(lst):
        return 0
    return lst[i] + sum_list(lst, i + 1)
print(sum_list(list(range(500))))
def build(n):
    return [] if n == 0 else [build(n - 1)]
nested = build(400)
d = 0
while nested:
    nested = nested[0]
    d += 1
print(d)
class Node:
    def __init__(self, nxt):
        self.nxt = nxt
    def length(self):
        return 1 + (self.nxt.length() if self.nxt else 0)
head = None
for _ in range(450):
    head = Node(head)
print(head.length())
