# C3 method resolution order for multiple inheritance
class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass
for cls in (K1, K2, K3, Z):
    print('cls.__name__:', cls.__name__)
    print('[c.__name__ for c in cls.__mro__]:', [c.__name__ for c in cls.__mro__])
class X: pass
class Y: pass
try:
    class Bad(X, Y): pass
    class Bad2(Y, X): pass
    class Worse(Bad, Bad2): pass
    print("no error")
except TypeError as e:
    print("inconsistent MRO:", type(e).__name__)
