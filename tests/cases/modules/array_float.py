# array: 'f' and 'd' arrays with exactly representable values
from array import array
f = array("f", [1.5, -2.25, 0.5])
print(f, f[0], f[1], len(f))
f.append(4.0)
print(list(f))
d = array("d", [0.1, 1e100])
print(d[0] == 0.1, d[1] == 1e100, len(d))
d[0] = 2.5
print(d[0], list(d))
print(type(f[0]).__name__)
