# swapping and rotating values via tuple assignment
a, b = 1, 2
a, b = b, a
print('a:', a)
print('b:', b)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print('a:', a)
print('b:', b)
print('c:', c)
lst = [1, 2, 3, 4]
lst[0], lst[3] = lst[3], lst[0]
print(lst)
lst[1], lst[2] = lst[2], lst[1]
print(lst)
x, y = 0, 1
for _ in range(10):
    x, y = y, x + y
print('fib x:', x)
print('fib y:', y)
class P:
    def __init__(self):
        self.u, self.v = "u", "v"
p = P()
p.u, p.v = p.v, p.u
print('p.u:', p.u)
print('p.v:', p.v)
