# __len__ and __bool__ drive len() and truthiness
class Box:
    def __init__(self, items):
        self.items = items
    def __len__(self):
        return len(self.items)
b = Box([1, 2])
print('len(b):', len(b))
print('bool(b):', bool(b))
print('bool(Box([])):', bool(Box([])))
print('"full" if b else "empty":', "full" if b else "empty")
class Flag:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print("bool called")
        return self.v
print('bool(Flag(True)):', bool(Flag(True)))
print('not Flag(False):', not Flag(False))
if Flag(True) and Flag(False):
    print("never")
class Both:
    def __len__(self):
        return 0
    def __bool__(self):
        return True
print(bool(Both()))
class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print("negative len:", type(e).__name__)
class NoLen:
    pass
print(bool(NoLen()))
try:
    len(NoLen())
except TypeError as e:
    print("no len:", type(e).__name__)
