# mutual recursion to moderate depth and unbounded mutual recursion caught
def ping(n):
    return "done" if n == 0 else pong(n - 1)
def pong(n):
    return "done" if n == 0 else ping(n - 1)
print(ping(400))
def a(n):
    return b(n + 1)
def b(n):
    return a(n + 1)
try:
    a(0)
except RecursionError:
    print("RecursionError")
print(ping(10))
