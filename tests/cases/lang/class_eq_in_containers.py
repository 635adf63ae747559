# user __eq__ is used by list.index/count/remove, in, and dict lookups with __hash__
class P:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return isinstance(other, P) and self.n % 10 == other.n % 10
    def __hash__(self):
        return self.n % 10
    def __repr__(self):
        return "P%d" % self.n
lst = [P(1), P(2), P(11), P(3)]
print('lst.index(P(21)):', lst.index(P(21)))
print('lst.count(P(1)):', lst.count(P(1)))
print('P(13) in lst:', P(13) in lst)
lst.remove(P(12))
print(lst)
d = {P(5): "five"}
print('d[P(15)]:', d[P(15)])
print('P(25) in d:', P(25) in d)
d[P(35)] = "replaced"
print('d:', d)
print('len(d):', len(d))
print(len({P(1), P(11), P(21), P(2)}))
print('[P(4)] == [P(14)]:', [P(4)] == [P(14)])
print('(P(4),) == (P(5),):', (P(4),) == (P(5),))
