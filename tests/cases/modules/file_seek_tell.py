# file I/O: seek and tell in binary files, including whence values
import os
import _casedir
p = _casedir.here() + "/_tmp_file_seek_case.bin"
with open(p, "wb") as f:
    f.write(b"0123456789")
    print(f.tell())
with open(p, "rb") as f:
    print(f.tell())
    print(f.read(3), f.tell())
    f.seek(7)
    print(f.read(), f.tell())
    f.seek(2, 0)
    print(f.read(1))
    f.seek(2, 1)
    print(f.read(1))
    f.seek(-3, 2)
    print(f.read())
    print(f.seek(0), f.read(2))
with open(p, "r+b") as f:
    f.seek(4)
    f.write(b"XY")
with open(p, "rb") as f:
    print(f.read())
os.remove(p)
print("removed")
