# __eq__ and __ne__: default identity, custom equality, derived !=
class Plain:
    pass
a, b = Plain(), Plain()
print('a == a:', a == a)
print('a == b:', a == b)
print('a != b:', a != b)
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        if not isinstance(other, V):
            return NotImplemented
        return self.v == other.v
    __hash__ = None
print('V(1) == V(1):', V(1) == V(1))
print('V(1) == V(2):', V(1) == V(2))
print('V(1) != V(1):', V(1) != V(1))
print('V(1) != V(2):', V(1) != V(2))
print('V(1) == 1:', V(1) == 1)
print('1 == V(1):', 1 == V(1))
print('V(1) in [V(0), V(1)]:', V(1) in [V(0), V(1)])
print('[V(2)].index(V(2)):', [V(2)].index(V(2)))
class Always:
    def __eq__(self, other):
        return True
print('Always() == 5:', Always() == 5)
print('5 == Always():', 5 == Always())
print('Always() != 5:', Always() != 5)
class NeOnly:
    def __ne__(self, other):
        return "custom ne"
print(NeOnly() != 1)
