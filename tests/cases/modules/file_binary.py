# file I/O: binary mode writes and reads bytes exactly
import os
import _casedir
p = _casedir.here() + "/_tmp_file_binary_case.bin"
data = bytes(range(256))
with open(p, "wb") as f:
    print(f.write(data))
with open(p, "rb") as f:
    back = f.read()
print(type(back).__name__, len(back), back == data)
with open(p, "rb") as f:
    print(f.read(4), f.read(2))
with open(p, "wb") as f:
    f.write(b"\r\n\x00text")
with open(p, "rb") as f:
    print(f.read())
os.remove(p)
print("removed")
