# __name__ of functions, lambdas, nested functions, methods and builtins
def top():
    def nested():
        pass
    return nested
print('top.__name__:', top.__name__)
print('top().__name__:', top().__name__)
print('(lambda: 0).__name__:', (lambda: 0).__name__)
class C:
    def method(self):
        pass
    @staticmethod
    def st():
        pass
    @classmethod
    def cm(cls):
        pass
print('C.method.__name__:', C.method.__name__)
print('C().method.__name__:', C().method.__name__)
print('C.st.__name__:', C.st.__name__)
print('C.cm.__name__:', C.cm.__name__)
print('len.__name__:', len.__name__)
print('print.__name__:', print.__name__)
print('C.__name__:', C.__name__)
print('int.__name__:', int.__name__)
def deco(fn):
    def wrapper():
        return fn()
    return wrapper
@deco
def decorated():
    pass
print(decorated.__name__)
alias = top
print(alias.__name__)
