# class attributes and classmethods with inheritance: lookup and shadowing
class Base:
    registry = []
    label = "base"
    @classmethod
    def register(cls):
        cls.registry.append(cls.__name__)
    @classmethod
    def set_label(cls, v):
        cls.label = v
class A(Base):
    pass
class B(Base):
    registry = []
A.register()
B.register()
Base.register()
print('Base.registry:', Base.registry)
print('A.registry:', A.registry)
print('B.registry:', B.registry)
A.set_label("a")
print('Base.label:', Base.label)
print('A.label:', A.label)
print('B.label:', B.label)
Base.set_label("changed")
print('Base.label:', Base.label)
print('A.label:', A.label)
print('B.label:', B.label)
print('"label" in A.__dict__:', "label" in A.__dict__)
print('"label" in B.__dict__:', "label" in B.__dict__)
