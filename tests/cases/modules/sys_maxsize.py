# sys: maxsize is a positive int; arithmetic beyond it keeps working
import sys
print(type(sys.maxsize).__name__, sys.maxsize > 0)
print(sys.maxsize >= 2 ** 31 - 1)
print(sys.maxsize + 1 > sys.maxsize)
print((sys.maxsize + 1) - 1 == sys.maxsize)
print(-sys.maxsize - 1 < 0)
