# a module body runs only once even if imported many times
print("first import")
import _mod_counter
print("second import")
import _mod_counter
import _mod_counter as again
from _mod_counter import loads
print('again is _mod_counter:', again is _mod_counter)
print('loads:', loads)
def in_function():
    import _mod_counter
    return _mod_counter.loads
print(in_function())
