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
print(C.a, C.b, C.items, C.flag, C().m(), hasattr(C, "i"))
def outer():
    x = "closure"
    class K:
        y = x
        def get(self):
            return x
    return K
print(outer().y, outer()().get())
