# and/or return operands, short-circuit evaluation, not
def t(x):
    print("eval", x)
    return x
print('1 and 2:', 1 and 2)
print('0 and 2:', 0 and 2)
print('1 or 2:', 1 or 2)
print('0 or 2:', 0 or 2)
print('None or 0:', None or 0)
print('[] or "x":', [] or "x")
print("" and 1 / 0)
print(5 or 1 / 0)
print(t(0) and t(1))
print(t(1) and t(0))
print(t(1) or t(2))
print(t(0) or t(0) or t(3))
print('not 0:', not 0)
print('not 5:', not 5)
print('not "":', not "")
print('not "s":', not "s")
print('True + True:', True + True)
print('True * 10:', True * 10)
print('False - 1:', False - 1)
print(type(not 1).__name__)
x = None
y = x or "default"
print(y)
z = [1] and [2]
print(z)
