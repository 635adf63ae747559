# __name__ of imported modules and packages differs from __main__
import _mod_main_check
import _pkg.helpers
import _pkg._nested.deep
print(__name__)
print(_mod_main_check.role)
print('_pkg.__name__:', _pkg.__name__)
print('_pkg.helpers.__name__:', _pkg.helpers.__name__)
print('_pkg._nested.deep.__name__:', _pkg._nested.deep.__name__)
