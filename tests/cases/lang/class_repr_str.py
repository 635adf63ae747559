# __repr__ and __str__: print, str(), repr(), containers use repr
class P:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return "P(%r)" % (self.x,)
class Q(P):
    def __str__(self):
        return "Q with " + str(self.x)
p = P("a")
q = Q(3)
print('p:', p)
print('str(p):', str(p))
print('repr(p):', repr(p))
print('q:', q)
print('str(q):', str(q))
print('repr(q):', repr(q))
print('[p, q]:', [p, q])
print('(q,):', (q,))
print('{"k": q}:', {"k": q})
print("%s %r" % (q, q))
print("{} {!r}".format(q, q))
class OnlyStr:
    def __str__(self):
        return "only str"
print('OnlyStr():', OnlyStr())
print('str(OnlyStr()):', str(OnlyStr()))
