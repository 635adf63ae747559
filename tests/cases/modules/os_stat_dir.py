# os: stat distinguishes directories from files via the mode bits
import os
import _casedir
base = _casedir.here() + "/_tmp_os_stat_case"
os.mkdir(base)
fp = base + "/f"
with open(fp, "wb") as f:
    f.write(b"\x00" * 100)
sd = os.stat(base)
sf = os.stat(fp)
print(sd[0] & 0o170000 == 0o040000, sf[0] & 0o170000 == 0o100000)
print(sf[6], len(sd) >= 10)
os.remove(fp)
os.rmdir(base)
print("done")
