# returning NotImplemented lets Python try the reflected method, then TypeError
class A:
    def __add__(self, o):
        print("A.__add__")
        return NotImplemented
    def __eq__(self, o):
        print("A.__eq__")
        return NotImplemented
class B:
    def __radd__(self, o):
        print("B.__radd__")
        return "B handled"
    def __eq__(self, o):
        print("B.__eq__")
        return NotImplemented
print(A() + B())
try:
    A() + A()
except TypeError as e:
    print("both NotImplemented:", type(e).__name__)
a = A()
print(a == B())
print('NotImplemented is NotImplemented:', NotImplemented is NotImplemented)
print('bool(a is not None):', bool(a is not None))
