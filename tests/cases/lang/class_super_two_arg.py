# two-argument super(type, obj) to skip levels in the MRO
class A:
    def name(self):
        return "A"
class B(A):
    def name(self):
        return "B>" + super(B, self).name()
class C(B):
    def name(self):
        return "C>" + super(C, self).name()
    def skip(self):
        return super(B, self).name()
c = C()
print('c.name():', c.name())
print('c.skip():', c.skip())
print(super(C, c).name())
class D(A):
    def __init__(self):
        super(D, self).__init__()
        self.ok = True
print(D().ok)
