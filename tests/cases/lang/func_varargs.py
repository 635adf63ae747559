# *args collects extra positional arguments as a tuple
def f(*args):
    return type(args).__name__, args
print(f())
print(f(1))
print(f(1, "two", [3]))
def g(a, b=0, *rest):
    return a, b, rest
print('g(1):', g(1))
print('g(1, 2):', g(1, 2))
print('g(1, 2, 3, 4):', g(1, 2, 3, 4))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print('total():', total())
print('total(1, 2, 3):', total(1, 2, 3))
print('total(*range(10)):', total(*range(10)))
def first_and_rest(first, *rest):
    return first, len(rest)
print(first_and_rest(*"hello"))
def passthrough(*args):
    return total(*args)
print(passthrough(4, 5))
