# class decorators that register, modify and wrap classes
registry = {}
def register(cls):
    registry[cls.__name__] = cls
    return cls
def add_greet(cls):
    def greet(self):
        return "hi from " + type(self).__name__
    cls.greet = greet
    cls.decorated = True
    return cls
@register
@add_greet
class Foo:
    pass
@register
class Bar(Foo):
    pass
print('sorted(registry):', sorted(registry))
print('Foo().greet():', Foo().greet())
print('Bar().greet():', Bar().greet())
print('Bar.decorated:', Bar.decorated)
def with_count(start):
    def deco(cls):
        cls.count = start
        return cls
    return deco
@with_count(10)
class Counted:
    pass
print(Counted.count)
def singleton(cls):
    instances = []
    def get():
        if not instances:
            instances.append(cls())
        return instances[0]
    return get
@singleton
class Config:
    pass
print('Config() is Config():', Config() is Config())
print('type(Config).__name__:', type(Config).__name__)
