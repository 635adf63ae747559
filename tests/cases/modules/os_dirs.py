# os: mkdir, listdir, rmdir on a directory created by this case
import os
import _casedir
base = _casedir.here() + "/_tmp_os_dirs_case"
os.mkdir(base)
print(os.listdir(base))
for name in ("b.txt", "a.txt", "c.bin"):
    with open(base + "/" + name, "w") as f:
        f.write(name)
os.mkdir(base + "/sub")
print(sorted(os.listdir(base)))
print(sorted(os.listdir(base + "/sub")))
try:
    os.mkdir(base)
except OSError:
    print("OSError exists")
for name in ("b.txt", "a.txt", "c.bin"):
    os.remove(base + "/" + name)
os.rmdir(base + "/sub")
print(os.listdir(base))
os.rmdir(base)
print("_tmp_os_dirs_case" in os.listdir(_casedir.here()))
