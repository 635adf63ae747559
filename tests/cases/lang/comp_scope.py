# comprehension variables do not leak; outer variables are visible
x = "outer"
lst = [x for x in range(3)]
print('lst:', lst)
print('x:', x)
i = 100
print('[i * 2 for i in range(2)]:', [i * 2 for i in range(2)])
print('i:', i)
print({j for j in "ab"} and "set comp ok")
try:
    j
except NameError as e:
    print("j not leaked:", type(e).__name__)
gen = (k for k in range(2))
list(gen)
try:
    k
except NameError as e:
    print("k not leaked:", type(e).__name__)
factor = 3
print([n * factor for n in range(4)])
def f():
    local = 10
    return [local + n for n in range(3)]
print(f())
def g():
    y = "mine"
    r = [y for y in "ab"]
    return r, y
print(g())
