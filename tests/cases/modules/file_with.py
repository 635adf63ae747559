# file I/O: with-statement closes the file even when an exception is raised
import os
import _casedir
p = _casedir.here() + "/_tmp_file_with_case.txt"
try:
    with open(p, "w") as f:
        f.write("partial")
        raise RuntimeError("stop")
except RuntimeError as e:
    print("caught", e)
with open(p) as g:
    print(g.read())
with open(p, "w") as a, open(p + ".2", "w") as b:
    a.write("A")
    b.write("B")
with open(p) as a, open(p + ".2") as b:
    print(a.read() + b.read())
os.remove(p)
os.remove(p + ".2")
print("removed")
