# relative imports inside a package (from . and from ..)
from _pkg import sub
print(sub.sub_func())
from _pkg._nested import deep
print(deep.deep_value())
import _pkg._nested
print(_pkg._nested.nested_flag)
