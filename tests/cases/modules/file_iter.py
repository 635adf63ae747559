# file I/O: iterating over a file object yields lines
import os
import _casedir
p = _casedir.here() + "/_tmp_file_iter_case.txt"
with open(p, "w") as f:
    for i in range(5):
        f.write("line %d\n" % i)
with open(p) as f:
    for line in f:
        print(line.rstrip())
with open(p) as f:
    print(sum(1 for _ in f))
with open(p) as f:
    print([l.split()[1] for l in f])
os.remove(p)
print("removed")
