# __class__ of instances and classes, creating new instances via it
class A:
    def clone(self):
        return self.__class__()
    def kind(self):
        return self.__class__.__name__
class B(A):
    pass
a, b = A(), B()
print('a.__class__ is A:', a.__class__ is A)
print('b.__class__ is B:', b.__class__ is B)
print('b.__class__.__name__:', b.__class__.__name__)
print('type(b.clone()).__name__:', type(b.clone()).__name__)
print('a.kind():', a.kind())
print('b.kind():', b.kind())
print('(5).__class__.__name__:', (5).__class__.__name__)
print('"s".__class__.__name__:', "s".__class__.__name__)
print('[].__class__ is list:', [].__class__ is list)
print('A.__class__ is type:', A.__class__ is type)
print('type(A) is type:', type(A) is type)
print('type(type) is type:', type(type) is type)
print('int.__class__.__name__:', int.__class__.__name__)
print('None.__class__.__name__:', None.__class__.__name__)
