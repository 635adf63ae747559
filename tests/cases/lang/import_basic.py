# import a helper module and use its functions, classes and globals
import _mod_a
print('_mod_a.value:', _mod_a.value)
print('_mod_a.items:', _mod_a.items)
print('_mod_a.double(21):', _mod_a.double(21))
t = _mod_a.Thing("one")
print('t.hello():', t.hello())
print('type(t).__name__:', type(t).__name__)
print('_mod_a.__name__:', _mod_a.__name__)
print('type(_mod_a).__name__:', type(_mod_a).__name__)
