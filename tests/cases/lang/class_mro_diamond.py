# diamond inheritance: attribute lookup follows the MRO
class Top:
    def who(self):
        return "Top"
    attr = "top"
class Left(Top):
    def who(self):
        return "Left"
class Right(Top):
    def who(self):
        return "Right"
    attr = "right"
class Bottom(Left, Right):
    pass
b = Bottom()
print('b.who():', b.who())
print('b.attr:', b.attr)
print([c.__name__ for c in Bottom.__mro__])
class Bottom2(Right, Left):
    pass
print('Bottom2().who():', Bottom2().who())
print('[c.__name__ for c in Bottom2.__mro__]:', [c.__name__ for c in Bottom2.__mro__])
print('isinstance(b, Top):', isinstance(b, Top))
print('isinstance(b, Right):', isinstance(b, Right))
print('issubclass(Bottom, (int, Left)):', issubclass(Bottom, (int, Left)))
