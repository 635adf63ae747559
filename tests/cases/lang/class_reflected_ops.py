# reflected operators (__radd__, __rsub__, __rmul__) and NotImplemented fallback
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented
    def __radd__(self, other):
        print("radd with", other)
        return self.__add__(other)
    def __sub__(self, other):
        return Money(self.cents - (other.cents if isinstance(other, Money) else other))
    def __rsub__(self, other):
        return Money(other - self.cents)
    def __mul__(self, k):
        return Money(self.cents * k)
    __rmul__ = __mul__
    def __repr__(self):
        return "Money(%d)" % self.cents
m = Money(150)
print('m + Money(50):', m + Money(50))
print('m + 5:', m + 5)
print('5 + m:', 5 + m)
print(sum([Money(1), Money(2), Money(3)]))
print('m - 50:', m - 50)
print('1000 - m:', 1000 - m)
print('3 * m:', 3 * m)
print('m * 2:', m * 2)
try:
    m + "str"
except TypeError as e:
    print("unsupported:", type(e).__name__)
try:
    "str" + m
except TypeError as e:
    print("unsupported reflected:", type(e).__name__)
