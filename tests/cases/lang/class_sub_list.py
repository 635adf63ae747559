# subclassing list: extra methods, overridden append, super calls
class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
s = Stack()
s.push(1); s.push(2); s.push(3)
print(s, len(s), s.peek(), s.pop(), s)
print(isinstance(s, list), type(s).__name__, s == [1, 2], sum(s))
class Logged(list):
    def append(self, x):
        print("append", x)
        super().append(x)
l = Logged([9])
l.append(10)
print(l, l[0], l[-1], list(reversed(l)))
class Named(list):
    def __init__(self, name, items):
        super().__init__(items)
        self.name = name
n = Named("nums", [3, 1, 2])
n.sort()
print(n.name, n, n[1:], [x * 2 for x in n])
