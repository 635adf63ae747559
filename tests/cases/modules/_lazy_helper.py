# helper module for module_getattr.py (not a case): PEP 562 hooks
__all__ = ['plain', 'lazy_x']
plain = 'plain'
calls = 0


def __getattr__(name):
    global calls
    calls += 1
    if name.startswith('lazy_'):
        value = name.upper()
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return ['plain', 'lazy_x', 'lazy_y', 'custom']


def use_global():
    try:
        return lazy_z
    except NameError as e:
        return 'NameError'
