# issubclass with hierarchies, tuples, builtins and exceptions
class A: pass
class B(A): pass
class C(B): pass
class D: pass
print(issubclass(C, A), issubclass(A, C), issubclass(C, C), issubclass(D, A))
print(issubclass(C, (D, A)), issubclass(D, (A, B)), issubclass(C, object))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, object))
print(issubclass(KeyError, LookupError), issubclass(IndexError, LookupError))
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(ValueError, Exception))
print(issubclass(Exception, BaseException), issubclass(KeyboardInterrupt, Exception))
try:
    issubclass(C(), A)
except TypeError as e:
    print("instance arg:", type(e).__name__)
