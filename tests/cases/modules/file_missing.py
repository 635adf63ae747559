# file I/O: opening a missing file raises an OSError (subclass); a new file can then be created
import os
import _casedir
missing = _casedir.here() + "/_tmp_file_missing_case_nope.txt"
try:
    open(missing)
    print("opened?")
except OSError as e:
    print("OSError", isinstance(e, OSError))
try:
    open(missing, "rb")
except OSError:
    print("OSError binary")
p = _casedir.here() + "/_tmp_file_missing_case.txt"
f = open(p, "w")
f.write("x")
f.close()
with open(p) as g:
    print(g.read())
os.remove(p)
print("removed")
