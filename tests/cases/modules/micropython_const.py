# skip-cpython
# micropython: const() returns its argument; opt_level() get/set
import micropython
from micropython import const
X = const(5)
print(X, micropython.const(7) + 1)
Y = const(X * 2)
print(Y)
print(micropython.opt_level())
micropython.opt_level(1)
print(micropython.opt_level())
micropython.opt_level(0)
print(micropython.opt_level())
