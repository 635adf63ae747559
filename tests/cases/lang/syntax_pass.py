# pass statement in every block position
def f():
    pass
class C:
    pass
if True:
    pass
for i in range(3):
    pass
while False:
    pass
try:
    pass
except Exception:
    pass
finally:
    pass
class CM:
    def __enter__(self):
        pass
    def __exit__(self, *a):
        pass
with CM():
    pass
print('f():', f())
print('type(C).__name__:', type(C).__name__)
print('i:', i)
def g():
    """docstring only"""
print(g())
