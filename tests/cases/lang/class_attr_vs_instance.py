# class attributes are shared until shadowed by instance attributes
class C:
    shared = []
    count = 0
    def __init__(self, name):
        self.name = name
        C.count += 1
    def add(self, x):
        self.shared.append(x)
a = C("a")
b = C("b")
a.add(1)
b.add(2)
print('a.shared:', a.shared)
print('b.shared:', b.shared)
print('C.shared:', C.shared)
print('a.shared is C.shared:', a.shared is C.shared)
print('C.count:', C.count)
print('a.count:', a.count)
a.count = 100
print('a.count:', a.count)
print('b.count:', b.count)
print('C.count:', C.count)
del a.count
print(a.count)
C.new_attr = "class level"
print('a.new_attr:', a.new_attr)
print('b.new_attr:', b.new_attr)
b.shared = ["own"]
print('b.shared:', b.shared)
print('C.shared:', C.shared)
print('"name" in a.__dict__:', "name" in a.__dict__)
print('"count" in a.__dict__:', "count" in a.__dict__)
print('"shared" in b.__dict__:', "shared" in b.__dict__)
