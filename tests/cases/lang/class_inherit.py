# single inheritance: method lookup, overriding, attributes from base __init__
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " says " + self.sound
    def kind(self):
        return "animal"
class Dog(Animal):
    sound = "woof"
    def kind(self):
        return "dog"
class Puppy(Dog):
    def speak(self):
        return Dog.speak(self) + " (squeaky)"
for a in (Animal("generic"), Dog("rex"), Puppy("bit")):
    print(a.speak(), "/", a.kind(), "/", type(a).__name__)
print('issubclass(Puppy, Animal):', issubclass(Puppy, Animal))
print('isinstance(Puppy("x"), Dog):', isinstance(Puppy("x"), Dog))
print('isinstance(Dog("y"), Puppy):', isinstance(Dog("y"), Puppy))
print('Puppy.__bases__[0].__name__:', Puppy.__bases__[0].__name__)
print('Dog.__bases__[0].__name__:', Dog.__bases__[0].__name__)
print('Animal.__bases__[0].__name__:', Animal.__bases__[0].__name__)
class Base:
    def template(self):
        return "[" + self.hook() + "]"
    def hook(self):
        return "base"
class Derived(Base):
    def hook(self):
        return "derived"
print('Base().template():', Base().template())
print('Derived().template():', Derived().template())
