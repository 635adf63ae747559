# nonlocal rebinding across one and several nesting levels
def outer():
    x = "outer"
    def middle():
        def inner():
            nonlocal x
            x = "set by inner"
        inner()
        return x
    r = middle()
    return r, x
print(outer())
def level1():
    a = 1
    def level2():
        a = 2
        def level3():
            nonlocal a
            a += 10
            return a
        r = level3()
        return r, a
    return level2(), a
print(level1())
def multi():
    p, q = 1, 2
    def change():
        nonlocal p, q
        p, q = q, p
    change()
    return p, q
print(multi())
def loop_nonlocal():
    total = 0
    def add(n):
        nonlocal total
        total += n
    for i in range(5):
        add(i)
    return total
print(loop_nonlocal())
