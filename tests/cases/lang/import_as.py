# import ... as and from ... import ... as aliases
import _mod_a as ma
from _mod_a import double as dbl, value as v
import _pkg.helpers as ph
print(ma.value, dbl(5), v, ph.helper())
print(ma.__name__, ph.__name__)
try:
    _mod_a
except NameError as e:
    print("original name not bound:", type(e).__name__)
