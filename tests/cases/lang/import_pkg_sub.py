# import a.b binds a; the submodule is an attribute of the package
import _pkg.sub2.mod
print(_pkg.sub2.mod.x)
import _pkg.helpers
print('_pkg.helpers.helper():', _pkg.helpers.helper())
print('_pkg.helpers.helper_const:', _pkg.helpers.helper_const)
from _pkg.sub2 import mod
print('mod.x:', mod.x)
print('mod is _pkg.sub2.mod:', mod is _pkg.sub2.mod)
from _pkg import helpers
print(helpers is _pkg.helpers)
