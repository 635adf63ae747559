# __class__ of instances and classes, creating new instances via it
class A:
    def clone(self):
        return self.__class__()
    def kind(self):
        return self.__class__.__name__
class B(A):
    pass
a, b = A(), B()
print(a.__class__ is A, b.__class__ is B, b.__class__.__name__)
print(type(b.clone()).__name__, a.kind(), b.kind())
print((5).__class__.__name__, "s".__class__.__name__, [].__class__ is list)
print(A.__class__ is type, type(A) is type, type(type) is type)
print(int.__class__.__name__, None.__class__.__name__)
