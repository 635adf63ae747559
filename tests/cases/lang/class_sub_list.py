# subclassing list: extra methods, overridden append, super calls
class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
s = Stack()
s.push(1); s.push(2); s.push(3)
print('s:', s)
print('len(s):', len(s))
print('s.peek():', s.peek())
print('s.pop():', s.pop())
print('s:', s)
print('isinstance(s, list):', isinstance(s, list))
print('type(s).__name__:', type(s).__name__)
print('s == [1, 2]:', s == [1, 2])
print('sum(s):', sum(s))
class Logged(list):
    def append(self, x):
        print("append", x)
        super().append(x)
l = Logged([9])
l.append(10)
print('l:', l)
print('l[0]:', l[0])
print('l[-1]:', l[-1])
print('list(reversed(l)):', list(reversed(l)))
class Named(list):
    def __init__(self, name, items):
        super().__init__(items)
        self.name = name
n = Named("nums", [3, 1, 2])
n.sort()
print('n.name:', n.name)
print('n:', n)
print('n[1:]:', n[1:])
print('[x * 2 for x in n]:', [x * 2 for x in n])
