# instance __dict__ reflects attribute assignment and deletion
class C:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = "two"
c = C()
print(sorted(c.__dict__.items()))
c.z = [3]
print(sorted(c.__dict__.items()))
del c.a
print(sorted(c.__dict__))
c.__dict__["direct"] = "via dict"
print(c.direct)
print('"cls_attr" in c.__dict__:', "cls_attr" in c.__dict__)
print('"cls_attr" in C.__dict__:', "cls_attr" in C.__dict__)
print(type(c.__dict__).__name__)
class E:
    pass
print(E().__dict__)
