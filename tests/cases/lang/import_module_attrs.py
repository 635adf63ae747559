# module attributes can be read, set and added from outside; module functions see the change
import _mod_a
print(_mod_a.get_value())
_mod_a.value = 99
print(_mod_a.get_value())
_mod_a.new_attr = "added"
import _mod_a as again
print('again.new_attr:', again.new_attr)
print('hasattr(_mod_a, "missing"):', hasattr(_mod_a, "missing"))
print('getattr(_mod_a, "missing", "default"):', getattr(_mod_a, "missing", "default"))
from _mod_a import value
print(value)
_mod_a.value = 1
print('value:', value)
print('_mod_a.value:', _mod_a.value)
print(_mod_a._private)
