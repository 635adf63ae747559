# class body names are not visible inside methods without self/ClassName
x = "global x"
class C:
    x = "class x"
    y = x + " used in body"
    def method(self):
        return x
    def via_self(self):
        return self.x
    def via_class(self):
        return C.x
c = C()
print(C.y)
print('c.method():', c.method())
print('c.via_self():', c.via_self())
print('c.via_class():', c.via_class())
def f():
    z = "enclosing z"
    class D:
        z = "class z"
        def m(self):
            return z
    return D().m(), D.z
print(f())
