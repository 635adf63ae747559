# os: getcwd returns a non-empty str; listdir of it returns a list of str
import os
cwd = os.getcwd()
print(type(cwd).__name__, len(cwd) > 0)
entries = os.listdir(cwd)
print(type(entries).__name__, all(isinstance(e, str) for e in entries))
# (other cases create files in this folder concurrently: compare only a stable entry)
print("os_getcwd.py" in os.listdir() and "os_getcwd.py" in os.listdir("."))
