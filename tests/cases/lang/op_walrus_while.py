# walrus operator driving while loops
items = [3, 1, 4, 1, 5, 9, 2, 6]
it = iter(items)
total = 0
while (x := next(it, None)) is not None:
    total += x
print("total", total, "x at end", x)
stack = [1, 2, 3]
while (top := stack.pop() if stack else None):
    print("popped", top)
print("top", top)
n = 100
steps = 0
while (n := n // 3) > 0:
    steps += 1
    print("n", n)
print("steps", steps)
