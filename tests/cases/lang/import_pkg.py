# importing a package runs __init__ once and exposes its names
import _pkg
print(_pkg.pkg_level)
print(_pkg.sub_func())
import _pkg
from _pkg import pkg_level as pl
print(pl)
