# imported modules are cached in sys.modules
import sys
print("_mod_a" in sys.modules)
import _mod_a
print('"_mod_a" in sys.modules:', "_mod_a" in sys.modules)
print('sys.modules["_mod_a"] is _mod_a:', sys.modules["_mod_a"] is _mod_a)
import _pkg.helpers
print('"_pkg" in sys.modules:', "_pkg" in sys.modules)
print('"_pkg.helpers" in sys.modules:', "_pkg.helpers" in sys.modules)
print('"_pkg.sub" in sys.modules:', "_pkg.sub" in sys.modules)
