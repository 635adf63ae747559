# imports inside functions bind local names only
def use():
    import _mod_a
    from _mod_a import double
    return _mod_a.value, double(3)
print(use())
try:
    _mod_a
except NameError as e:
    print("not global:", type(e).__name__)
import sys
print("_mod_a" in sys.modules)
