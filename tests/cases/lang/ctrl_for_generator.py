# for loops consuming generators and custom iterators; partial consumption
def countdown(n):
    while n > 0:
        yield n
        n -= 1
for x in countdown(3):
    print("count", x)
g = countdown(5)
for x in g:
    if x == 3:
        break
print("rest", list(g))
for i, sq in zip(range(3), (n * n for n in range(10))):
    print('i:', i)
    print('sq:', sq)
it = iter([1, 2, 3, 4])
for a in it:
    b = next(it)
    print('pair a:', a)
    print('pair b:', b)
print(sum(x for x in countdown(4)))
