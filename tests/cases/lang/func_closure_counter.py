# closures capturing mutable state: counters and accumulators
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print('c1():', c1())
print('c1():', c1())
print('c1():', c1())
print('c2():', c2())
print('c1():', c1())
def make_acc(start):
    total = [start]
    def add(x):
        total[0] += x
        return total[0]
    return add
acc = make_acc(100)
print('acc(10):', acc(10))
print('acc(-5):', acc(-5))
print('acc(0):', acc(0))
def make_pair():
    val = 0
    def get():
        return val
    def set_(v):
        nonlocal val
        val = v
    return get, set_
get, set_ = make_pair()
print(get())
set_(42)
print(get())
def adder(n):
    return lambda x: x + n
add5 = adder(5)
print('add5(1):', add5(1))
print('adder(-1)(1):', adder(-1)(1))
