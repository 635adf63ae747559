# global statement rebinding module names from functions
counter = 0
def inc():
    global counter
    counter += 1
inc(); inc()
print(counter)
def create():
    global brand_new
    brand_new = "created in function"
create()
print(brand_new)
x = "module"
def shadow():
    x = "local"
    return x
print('shadow():', shadow())
print('x:', x)
def read_only():
    return x
print(read_only())
def multi():
    global a, b
    a, b = 1, 2
multi()
print('a:', a)
print('b:', b)
def in_loop():
    global counter
    for _ in range(3):
        counter *= 2
in_loop()
print(counter)
