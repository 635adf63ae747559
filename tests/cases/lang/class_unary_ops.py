# __neg__, __pos__, __abs__, __invert__ on a custom class
class N:
    def __init__(self, v):
        self.v = v
    def __neg__(self):
        return N(-self.v)
    def __pos__(self):
        return N(self.v + 0.5)
    def __abs__(self):
        return N(abs(self.v))
    def __invert__(self):
        return N(~self.v)
    def __repr__(self):
        return "N(%r)" % self.v
n = N(-3)
print('-n:', -n)
print('+n:', +n)
print('abs(n):', abs(n))
print('~n:', ~n)
print('-(-n):', -(-n))
print('abs(-N(7)):', abs(-N(7)))
class Nothing:
    pass
for name, op in (("neg", lambda x: -x), ("abs", abs), ("invert", lambda x: ~x)):
    try:
        op(Nothing())
    except TypeError as e:
        print('name:', name)
        print('type(e).__name__:', type(e).__name__)
