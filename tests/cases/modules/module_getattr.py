# PEP 562: a module's __getattr__ answers for the names it lacks, its __dir__ says what
# dir() lists; neither is consulted for names the module has or for its own global lookups
import _lazy_helper as h

print(h.plain, h.calls)
print(h.lazy_x, h.calls)
print(h.lazy_x, h.calls)
print(getattr(h, 'missing', 'default'), h.calls)
print(hasattr(h, 'missing'), hasattr(h, 'lazy_y'))
try:
    h.missing
except AttributeError as e:
    print('AttributeError:', e)
from _lazy_helper import lazy_w
print(lazy_w)
try:
    from _lazy_helper import missing
except ImportError as e:
    print('ImportError:', str(e).split(' (')[0])
print(dir(h))
print(h.use_global())
ns = {}
exec('from _lazy_helper import *', ns)
print(sorted(k for k in ns if not k.startswith('__')))
try:
    import _lazy_helper.sub
except ImportError as e:
    print(type(e).__name__, str(e).split(';')[0])
print(h.__name__)
