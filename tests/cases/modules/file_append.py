# file I/O: append mode adds to the end of existing content
import os
import _casedir
p = _casedir.here() + "/_tmp_file_append_case.txt"
with open(p, "w") as f:
    f.write("one\n")
with open(p, "a") as f:
    f.write("two\n")
with open(p, "a") as f:
    f.write("three\n")
with open(p) as f:
    print(f.read().split())
with open(p, "ab") as f:
    f.write(b"four\n")
with open(p, "rb") as f:
    print(f.read())
os.remove(p)
print("removed")
