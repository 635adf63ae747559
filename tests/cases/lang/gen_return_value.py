# return in a generator stops it and sets StopIteration.value
def g(n):
    for i in range(n):
        yield i
        if i == 1:
            return "early"
    return "normal"
for n in (1, 3):
    it = g(n)
    items = []
    while True:
        try:
            items.append(next(it))
        except StopIteration as e:
            print('n:', n)
            print('items:', items)
            print('e.value:', e.value)
            break
def bare():
    yield 1
    return
b = bare()
next(b)
try:
    next(b)
except StopIteration as e:
    print("bare return value:", e.value)
print(list(g(5)))
