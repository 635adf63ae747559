//! Terminal plumbing for `weft board` and `weft connect` (Unix): raw file descriptors,
//! pseudo-terminals, raw mode.

use std::ffi::CStr;
use std::io;

/// An owned (or borrowed, for stdio) file descriptor.
pub struct Fd {
    fd: i32,
    owned: bool,
}

impl Fd {
    pub fn stdin() -> Fd {
        Fd {
            fd: 0,
            owned: false,
        }
    }
    pub fn stdout() -> Fd {
        Fd {
            fd: 1,
            owned: false,
        }
    }

    pub fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        // SAFETY: buf is valid for buf.len() bytes; fd is open while self lives.
        let n = unsafe { libc::read(self.fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(n as usize)
        }
    }

    pub fn write_all(&self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            // SAFETY: as in `read`.
            let n = unsafe { libc::write(self.fd, buf.as_ptr().cast(), buf.len()) };
            if n < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            buf = &buf[n as usize..];
        }
        Ok(())
    }

    pub fn dup(&self) -> io::Result<Fd> {
        // SAFETY: dup of an open fd.
        let fd = unsafe { libc::dup(self.fd) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Fd { fd, owned: true })
    }
}

impl Drop for Fd {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: we own fd.
            unsafe { libc::close(self.fd) };
        }
    }
}

fn make_raw(fd: i32) -> io::Result<libc::termios> {
    // SAFETY: termios is plain data; tcgetattr fills it.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(fd, &mut t) != 0 {
            return Err(io::Error::last_os_error());
        }
        let saved = t;
        libc::cfmakeraw(&mut t);
        if libc::tcsetattr(fd, libc::TCSANOW, &t) != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(saved)
    }
}

/// A new pseudo-terminal in raw mode: the master side and the path of the other side (which
/// stays open here too, so the master never sees a hang-up between hosts).
pub fn open_pty() -> io::Result<(Fd, String)> {
    let mut master = 0;
    let mut slave = 0;
    // SAFETY: out-pointers to two ints; no name buffer, default termios and size.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    make_raw(slave)?;
    make_raw(master)?;
    // SAFETY: slave is an open tty; ttyname returns a static buffer we copy at once.
    let name = unsafe { libc::ttyname(slave) };
    if name.is_null() {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: non-null C string from ttyname.
    let path = unsafe { CStr::from_ptr(name) }
        .to_string_lossy()
        .into_owned();
    // the slave fd is deliberately kept open for the life of the process
    std::mem::forget(Fd {
        fd: slave,
        owned: true,
    });
    Ok((
        Fd {
            fd: master,
            owned: true,
        },
        path,
    ))
}

/// Open an existing tty path read/write and put it in raw mode.
pub fn open_raw(path: &str) -> io::Result<Fd> {
    let c = std::ffi::CString::new(path).map_err(|_| io::Error::other("bad path"))?;
    // SAFETY: valid C string.
    let fd = unsafe { libc::open(c.as_ptr(), libc::O_RDWR | libc::O_NOCTTY) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    let f = Fd { fd, owned: true };
    make_raw(fd)?;
    Ok(f)
}

/// Raw mode on stdin while it lives (only when stdin is a terminal).
pub struct RawGuard {
    saved: libc::termios,
}

impl RawGuard {
    pub fn stdin() -> Option<RawGuard> {
        // SAFETY: isatty on fd 0.
        if unsafe { libc::isatty(0) } != 1 {
            return None;
        }
        make_raw(0).ok().map(|saved| RawGuard { saved })
    }
}

impl Drop for RawGuard {
    fn drop(&mut self) {
        // SAFETY: restoring the attributes read earlier.
        unsafe { libc::tcsetattr(0, libc::TCSANOW, &self.saved) };
    }
}
