# file I/O: readline and readlines, including a last line without newline
import os
import _casedir
p = _casedir.here() + "/_tmp_file_readline_case.txt"
with open(p, "w") as f:
    f.write("first\nsecond\n\nlast")
with open(p) as f:
    print(repr(f.readline()))
    print(repr(f.readline()))
    print(repr(f.readline()))
    print(repr(f.readline()))
    print(repr(f.readline()))
with open(p) as f:
    print(f.readlines())
with open(p) as f:
    f.readline()
    print(f.readlines())
os.remove(p)
print("removed")
