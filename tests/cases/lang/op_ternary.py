# conditional expressions, nesting and laziness
def f(n):
    return "neg" if n < 0 else "zero" if n == 0 else "pos"
for n in (-2, 0, 3):
    print('n:', n)
    print('f(n):', f(n))
print(1 if True else 1 / 0)
print(1 / 0 if False else "lazy")
x = [i if i % 2 else -i for i in range(5)]
print(x)
print('(lambda a: a * 2 if a else "none")(0):', (lambda a: a * 2 if a else "none")(0))
print('(lambda a: a * 2 if a else "none")(4):', (lambda a: a * 2 if a else "none")(4))
y = (10 if x else 20) + 1
print(y)
print('"a" if [] else "b":', "a" if [] else "b")
print('"c" if [0] else "d":', "c" if [0] else "d")
