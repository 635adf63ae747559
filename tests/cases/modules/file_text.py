# file I/O: write and read back text files, write() return value, read(n)
import os
import _casedir
p = _casedir.here() + "/_tmp_file_text_case.txt"
f = open(p, "w")
print(f.write("hello\n"))
f.write("wörld\n")
f.close()
f = open(p)
print(repr(f.read()))
f.close()
f = open(p, "r")
print(repr(f.read(3)), repr(f.read(3)), repr(f.read()))
print(repr(f.read()))
f.close()
with open(p, "w") as f:
    f.write("overwritten")
with open(p) as f:
    print(f.read())
os.remove(p)
print("removed")
