# bound methods remember their instance; unbound access via class needs self
class Greeter:
    def __init__(self, name):
        self.name = name
    def greet(self, other="you"):
        return self.name + " greets " + other
g1, g2 = Greeter("ann"), Greeter("bob")
m = g1.greet
print('m():', m())
print('m("carl"):', m("carl"))
print('Greeter.greet(g2):', Greeter.greet(g2))
print('Greeter.greet(g2, "dan"):', Greeter.greet(g2, "dan"))
methods = [g.greet for g in (g1, g2)]
print([mm("x") for mm in methods])
print('m.__self__ is g1:', m.__self__ is g1)
print('m.__func__ is Greeter.greet:', m.__func__ is Greeter.greet)
print(list(map(Greeter.greet, [g1, g2])))
try:
    Greeter.greet()
except TypeError as e:
    print("missing self:", type(e).__name__)
