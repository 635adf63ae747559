# import ... as and from ... import ... as aliases
import _mod_a as ma
from _mod_a import double as dbl, value as v
import _pkg.helpers as ph
print('ma.value:', ma.value)
print('dbl(5):', dbl(5))
print('v:', v)
print('ph.helper():', ph.helper())
print('ma.__name__:', ma.__name__)
print('ph.__name__:', ph.__name__)
try:
    _mod_a
except NameError as e:
    print("original name not bound:", type(e).__name__)
