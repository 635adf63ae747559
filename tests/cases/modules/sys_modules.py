# sys: sys.modules is a dict that records imported modules
import sys
import _sys_modules_helper
print(type(sys.modules).__name__)
print("_sys_modules_helper" in sys.modules)
print(sys.modules["_sys_modules_helper"] is _sys_modules_helper)
print(_sys_modules_helper.VALUE)
import _sys_modules_helper as again
print(again is _sys_modules_helper, again.loads)
