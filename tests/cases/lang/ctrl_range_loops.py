# range with start/stop/step, negative steps, len/index/reverse
print('list(range(5)):', list(range(5)))
print('list(range(2, 6)):', list(range(2, 6)))
print('list(range(0, 10, 3)):', list(range(0, 10, 3)))
print('list(range(10, 0, -2)):', list(range(10, 0, -2)))
print('list(range(5, 5)):', list(range(5, 5)))
print('list(range(5, 0)):', list(range(5, 0)))
print('list(range(-3, 3)):', list(range(-3, 3)))
print('list(range(3, -3, -1)):', list(range(3, -3, -1)))
r = range(1, 20, 4)
print('len(r):', len(r))
print('r[0]:', r[0])
print('r[-1]:', r[-1])
print('r[1:3]:', r[1:3])
print('9 in r:', 9 in r)
print('10 in r:', 10 in r)
print('list(reversed(range(4))):', list(reversed(range(4))))
print('sum(range(101)):', sum(range(101)))
total = 0
for i in range(100, 0, -7):
    total += i
print(total)
print('range(3) == range(0, 3):', range(3) == range(0, 3))
print('len(range(0, -5)):', len(range(0, -5)))
print('r.start:', r.start)
print('r.stop:', r.stop)
print('r.step:', r.step)
print('r.index(9):', r.index(9))
print('r.count(9):', r.count(9))
try:
    range(1, 2, 0)
except ValueError as e:
    print("zero step", type(e).__name__)
for i in range(3):
    i = 10
    print("reassigned", i)
