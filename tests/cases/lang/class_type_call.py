# type() with one argument and three-argument class creation
print(type(1).__name__, type("").__name__, type([]).__name__, type(None).__name__)
def hello(self):
    return "hello from " + type(self).__name__
Dyn = type("Dyn", (), {"x": 5, "hello": hello})
d = Dyn()
print(Dyn.__name__, d.x, d.hello())
Sub = type("Sub", (Dyn,), {"y": 6})
s = Sub()
print(s.x, s.y, s.hello(), isinstance(s, Dyn), Sub.__bases__[0].__name__)
class Normal:
    pass
print(type(Normal()) is Normal, type(Normal) is type)
