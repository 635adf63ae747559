# __contains__ drives "in"; falls back to __iter__ then __getitem__
class Evens:
    def __contains__(self, x):
        print("contains", x)
        return x % 2 == 0
e = Evens()
print('4 in e:', 4 in e)
print('3 in e:', 3 in e)
print('3 not in e:', 3 not in e)
class ViaIter:
    def __iter__(self):
        return iter([1, 2, 3])
print('2 in ViaIter():', 2 in ViaIter())
print('5 in ViaIter():', 5 in ViaIter())
class ViaGetitem:
    def __getitem__(self, i):
        if i > 3:
            raise IndexError
        return i * 10
print('20 in ViaGetitem():', 20 in ViaGetitem())
print('25 in ViaGetitem():', 25 in ViaGetitem())
class Truthy:
    def __contains__(self, x):
        return "yes"
print(1 in Truthy())
try:
    1 in object()
except TypeError as ex:
    print("not a container:", type(ex).__name__)
