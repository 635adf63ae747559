# issubclass with hierarchies, tuples, builtins and exceptions
class A: pass
class B(A): pass
class C(B): pass
class D: pass
print('issubclass(C, A):', issubclass(C, A))
print('issubclass(A, C):', issubclass(A, C))
print('issubclass(C, C):', issubclass(C, C))
print('issubclass(D, A):', issubclass(D, A))
print('issubclass(C, (D, A)):', issubclass(C, (D, A)))
print('issubclass(D, (A, B)):', issubclass(D, (A, B)))
print('issubclass(C, object):', issubclass(C, object))
print('issubclass(bool, int):', issubclass(bool, int))
print('issubclass(int, bool):', issubclass(int, bool))
print('issubclass(int, object):', issubclass(int, object))
print('issubclass(KeyError, LookupError):', issubclass(KeyError, LookupError))
print('issubclass(IndexError, LookupError):', issubclass(IndexError, LookupError))
print('issubclass(ZeroDivisionError, ArithmeticError):', issubclass(ZeroDivisionError, ArithmeticError))
print('issubclass(ValueError, Exception):', issubclass(ValueError, Exception))
print('issubclass(Exception, BaseException):', issubclass(Exception, BaseException))
print('issubclass(KeyboardInterrupt, Exception):', issubclass(KeyboardInterrupt, Exception))
try:
    issubclass(C(), A)
except TypeError as e:
    print("instance arg:", type(e).__name__)
