# list: pop from end/front/middle, insert at positions, used as stack/queue
l = list(range(6))
print(l.pop(), l)
print(l.pop(0), l)
print(l.pop(1), l)
print(l.pop(-2), l)
stack = []
for i in range(3):
    stack.append(i)
while stack:
    print("pop", stack.pop())
q = []
for i in range(3):
    q.insert(0, i)
print(q)
try:
    [].pop()
except IndexError:
    print("IndexError pop empty")
try:
    [1].pop(5)
except IndexError:
    print("IndexError pop index")
