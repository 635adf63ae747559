# errno: constants and the errorcode table
import errno
print(errno.ENOENT, errno.EEXIST, errno.EINVAL, errno.EAGAIN, errno.ENOTDIR, errno.EISDIR)
print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EEXIST], errno.errorcode[errno.EAGAIN])
print(all(errno.errorcode[getattr(errno, n)] in dir(errno) for n in ("EIO", "EBADF", "ENOMEM", "EACCES", "ENODEV", "ENOSPC", "ETIMEDOUT", "EINPROGRESS")))
