# errno: opening a missing file raises OSError whose errno equals errno.ENOENT
import errno
print(type(errno.ENOENT).__name__, errno.ENOENT > 0)
try:
    open("_definitely_missing_file_errno_case.txt")
except OSError as e:
    print("OSError", e.errno == errno.ENOENT, e.args[0] == errno.ENOENT)
print(errno.EEXIST != errno.ENOENT, errno.EINVAL > 0)
import os
try:
    os.remove("_definitely_missing_file_errno_case.txt")
except OSError as e:
    print("remove", e.errno == errno.ENOENT)
