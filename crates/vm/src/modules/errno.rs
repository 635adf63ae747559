//! `errno`: the error numbers (Linux values, which MicroPython uses on every port) and
//! `errorcode` (number → name).

use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

/// (name, number); for numbers with two names the first listed is the `errorcode` entry.
pub const ERRNOS: &[(&str, i64)] = &[
    ("EPERM", 1),
    ("ENOENT", 2),
    ("ESRCH", 3),
    ("EINTR", 4),
    ("EIO", 5),
    ("ENXIO", 6),
    ("E2BIG", 7),
    ("ENOEXEC", 8),
    ("EBADF", 9),
    ("ECHILD", 10),
    ("EAGAIN", 11),
    ("EWOULDBLOCK", 11),
    ("ENOMEM", 12),
    ("EACCES", 13),
    ("EFAULT", 14),
    ("ENOTBLK", 15),
    ("EBUSY", 16),
    ("EEXIST", 17),
    ("EXDEV", 18),
    ("ENODEV", 19),
    ("ENOTDIR", 20),
    ("EISDIR", 21),
    ("EINVAL", 22),
    ("ENFILE", 23),
    ("EMFILE", 24),
    ("ENOTTY", 25),
    ("ETXTBSY", 26),
    ("EFBIG", 27),
    ("ENOSPC", 28),
    ("ESPIPE", 29),
    ("EROFS", 30),
    ("EMLINK", 31),
    ("EPIPE", 32),
    ("EDOM", 33),
    ("ERANGE", 34),
    ("EDEADLK", 35),
    ("ENAMETOOLONG", 36),
    ("ENOLCK", 37),
    ("ENOSYS", 38),
    ("ENOTEMPTY", 39),
    ("ELOOP", 40),
    ("ENOTSUP", 95),
    ("EOPNOTSUPP", 95),
    ("EAFNOSUPPORT", 97),
    ("EADDRINUSE", 98),
    ("EADDRNOTAVAIL", 99),
    ("ENETDOWN", 100),
    ("ENETUNREACH", 101),
    ("ENETRESET", 102),
    ("ECONNABORTED", 103),
    ("ECONNRESET", 104),
    ("ENOBUFS", 105),
    ("EISCONN", 106),
    ("ENOTCONN", 107),
    ("ETIMEDOUT", 110),
    ("ECONNREFUSED", 111),
    ("EHOSTDOWN", 112),
    ("EHOSTUNREACH", 113),
    ("EALREADY", 114),
    ("EINPROGRESS", 115),
];

/// The name of an error number, if known.
pub fn name_of(errno: i64) -> Option<&'static str> {
    ERRNOS.iter().find(|(_, n)| *n == errno).map(|(s, _)| *s)
}

pub fn init(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    for (name, n) in ERRNOS {
        d.set_str(name, Value::Int(*n));
    }
    // errorcode keys are ints: build through the VM's dict protocol; reversed so that the
    // first-listed name of a number wins
    let codes_v = Value::dict(Dict::new());
    for (name, n) in ERRNOS.iter().rev() {
        vm.dict_set(&codes_v, Value::Int(*n), Value::str(name))?;
    }
    d.set_str("errorcode", codes_v);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn names() {
        assert_eq!(super::name_of(2), Some("ENOENT"));
        assert_eq!(super::name_of(11), Some("EAGAIN"));
        assert_eq!(super::name_of(12345), None);
    }
}
