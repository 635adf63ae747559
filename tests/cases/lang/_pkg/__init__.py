# helper package for import cases
print("initialising _pkg")
pkg_level = "from __init__"
from .sub import sub_func
