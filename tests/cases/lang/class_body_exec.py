# class bodies execute top to bottom; names defined earlier are usable later in the body
print("before class")
class C:
    print("in class body")
    a = 1
    b = a + 1
    items = [a, b]
    if b > 1:
        flag = "big"
    else:
        flag = "small"
    for i in range(3):
        a += i
    def m(self):
        return self.b
    del i
print("after class")
print('C.a:', C.a)
print('C.b:', C.b)
print('C.items:', C.items)
print('C.flag:', C.flag)
print('C().m():', C().m())
print('hasattr(C, "i"):', hasattr(C, "i"))
def outer():
    x = "closure"
    class K:
        y = x
        def get(self):
            return x
    return K
print('outer().y:', outer().y)
print('outer()().get():', outer()().get())
