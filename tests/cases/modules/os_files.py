# os: stat size, rename and remove of files created by this case
import os
import _casedir
base = _casedir.here() + "/_tmp_os_files_case"
os.mkdir(base)
p = base + "/data.txt"
with open(p, "w") as f:
    f.write("0123456789")
print(os.stat(p)[6])
with open(p, "a") as f:
    f.write("abc")
print(os.stat(p)[6])
q = base + "/renamed.txt"
os.rename(p, q)
print(sorted(os.listdir(base)))
with open(q) as f:
    print(f.read())
os.remove(q)
print(os.listdir(base))
try:
    os.stat(q)
except OSError:
    print("OSError stat missing")
os.rmdir(base)
print("cleaned", "_tmp_os_files_case" not in os.listdir(_casedir.here()))
