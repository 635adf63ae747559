# loop variables keep their last value after the loop; not set for empty loops
for i in range(5):
    pass
print("i after", i)
for j in []:
    pass
try:
    j
except NameError as e:
    print("j unbound:", type(e).__name__)
for k in range(10):
    if k == 4:
        break
print("k after break", k)
def f():
    for m in "abc":
        pass
    return m
print(f())
n = 0
while n < 7:
    n += 3
print("n after while", n)
