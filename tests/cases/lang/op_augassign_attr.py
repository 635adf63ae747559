# augmented assignment on attributes, including class and instance attributes
class C:
    count = 0
    def __init__(self):
        self.v = 1
        self.items = []
c = C()
c.v += 10
print(c.v)
c.v *= 3
print(c.v)
c.items += [1, 2]
print(c.items)
C.count += 1
C.count += 1
print('C.count:', C.count)
print('c.count:', c.count)
c.count += 100
print('C.count:', C.count)
print('c.count:', c.count)
class Logger:
    def __init__(self):
        self.__dict__["x"] = 0
    def __getattr__(self, name):
        print("getattr", name)
        return 0
    def __setattr__(self, name, value):
        print('setattr name:', name)
        print('setattr value:', value)
        self.__dict__[name] = value
lg = Logger()
lg.x += 5
lg.y += 2
print('lg.x:', lg.x)
print('lg.y:', lg.y)
