# adding and replacing methods on a class after creation affects all instances
class Dog:
    def speak(self):
        return "woof"
d = Dog()
print(d.speak())
def loud(self):
    return "WOOF"
Dog.speak = loud
print('d.speak():', d.speak())
print('Dog().speak():', Dog().speak())
Dog.wag = lambda self, n=1: "wag" * n
print(d.wag(2))
d.speak = lambda: "instance override"
print('d.speak():', d.speak())
print('Dog().speak():', Dog().speak())
del d.speak
print(d.speak())
del Dog.wag
print(hasattr(d, "wag"))
