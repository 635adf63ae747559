# type() with one argument and three-argument class creation
print('type(1).__name__:', type(1).__name__)
print('type("").__name__:', type("").__name__)
print('type([]).__name__:', type([]).__name__)
print('type(None).__name__:', type(None).__name__)
def hello(self):
    return "hello from " + type(self).__name__
Dyn = type("Dyn", (), {"x": 5, "hello": hello})
d = Dyn()
print('Dyn.__name__:', Dyn.__name__)
print('d.x:', d.x)
print('d.hello():', d.hello())
Sub = type("Sub", (Dyn,), {"y": 6})
s = Sub()
print('s.x:', s.x)
print('s.y:', s.y)
print('s.hello():', s.hello())
print('isinstance(s, Dyn):', isinstance(s, Dyn))
print('Sub.__bases__[0].__name__:', Sub.__bases__[0].__name__)
class Normal:
    pass
print('type(Normal()) is Normal:', type(Normal()) is Normal)
print('type(Normal) is type:', type(Normal) is type)
