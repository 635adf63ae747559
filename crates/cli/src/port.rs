//! `OsPort`: the `weft_vm::port::Port` of the native CLI (Linux/macOS, and anything with std).
//!
//! - stdout is buffered by the port itself: line-buffered on a terminal, block-buffered
//!   otherwise; flushed by `flush()` (at exit, before `input()`, on `sys.stdout.flush()`).
//! - stderr is unbuffered. On a terminal, pending stdout is flushed before stderr output so
//!   an interactive session reads in order.
//! - Ctrl-C sets an `AtomicBool` from a SIGINT handler (the `ctrlc` crate); the VM polls it
//!   through `take_interrupt`, and `sleep_us` / `read_line` wake early when it is set.
//! - `heap_used` comes from a counting global allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fs;
use std::io::{self, IsTerminal, Read, Seek, SeekFrom, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use weft_vm::port::{FileStat, FileSystem, OpenFlags, OsError, OsResult, Port, PortFile, Stream};

// ---------------------------------------------------------------------------------------------
// Heap accounting

/// `std::alloc::System`, counting the bytes currently allocated.
pub struct CountingAlloc;

static HEAP_BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            HEAP_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            HEAP_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        HEAP_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                HEAP_BYTES.fetch_add(new_size - layout.size(), Ordering::Relaxed);
            } else {
                HEAP_BYTES.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

/// Bytes currently allocated through the global allocator.
pub fn heap_bytes() -> usize {
    HEAP_BYTES.load(Ordering::Relaxed)
}

// ---------------------------------------------------------------------------------------------
// Interrupts

static INTERRUPT: AtomicBool = AtomicBool::new(false);
/// Set while the REPL is reading a line (rustyline handles Ctrl-C itself then).
static INTERRUPTS_INSTALLED: AtomicBool = AtomicBool::new(false);

/// Install the SIGINT handler (once). A first Ctrl-C sets the interrupt flag for the VM; a
/// second one while the first is still pending (the program is not polling, e.g. stuck in a
/// long builtin) ends the process with status 130, as a way out that always works.
pub fn install_interrupt_handler() {
    if INTERRUPTS_INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = ctrlc::set_handler(|| {
        if INTERRUPT.swap(true, Ordering::SeqCst) {
            let _ = io::stderr().write_all(b"\nKeyboardInterrupt\n");
            std::process::exit(130);
        }
    });
}

/// Forget a pending interrupt (the REPL does this before running each input).
pub fn clear_interrupt() {
    INTERRUPT.store(false, Ordering::SeqCst);
}

pub fn interrupt_pending() -> bool {
    INTERRUPT.load(Ordering::SeqCst)
}

// ---------------------------------------------------------------------------------------------
/// Random bytes from the OS (`os.urandom`, the seed of `random`); without OS randomness, a
/// clock-seeded xorshift (never a panic).
pub fn os_urandom(buf: &mut [u8]) {
    if getrandom::fill(buf).is_err() {
        let mut x = wall_time_ns() | 1;
        for b in buf.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
    }
}

/// Wall-clock time in nanoseconds since the Unix epoch (0 if the clock is before it).
pub fn wall_time_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

// The port

/// Output buffer size before a block-buffered stdout is written out.
const STDOUT_BLOCK: usize = 8192;

pub struct OsPort {
    start: Instant,
    stdout_tty: bool,
    stdout_buf: Mutex<Vec<u8>>,
    /// bytes read from stdin but not yet returned by `read_line`
    stdin_buf: Mutex<StdinState>,
    fs: OsFs,
    threads: crate::threads::OsThreads,
    /// where `--trace-threads` events go (stderr when it is `None` and tracing is on)
    trace_out: Mutex<Option<std::fs::File>>,
}

#[derive(Default)]
struct StdinState {
    buf: Vec<u8>,
    eof: bool,
}

impl OsPort {
    pub fn new() -> OsPort {
        OsPort {
            start: Instant::now(),
            stdout_tty: io::stdout().is_terminal(),
            stdout_buf: Mutex::new(Vec::with_capacity(STDOUT_BLOCK)),
            stdin_buf: Mutex::new(StdinState::default()),
            fs: OsFs,
            threads: crate::threads::OsThreads {
                gil: hostsync::Gil::new(hostsync::NativeParker),
            },
            trace_out: Mutex::new(None),
        }
    }

    /// Send `--trace-threads` events to `file` instead of stderr.
    pub fn trace_to(&self, file: std::fs::File) {
        *self.trace_out.lock().unwrap_or_else(|e| e.into_inner()) = Some(file);
    }

    /// A port that lives for the rest of the process (the VM wants `&'static dyn Port`).
    pub fn leak() -> &'static OsPort {
        Box::leak(Box::new(OsPort::new()))
    }

    fn write_stdout_raw(data: &[u8]) {
        let mut out = io::stdout().lock();
        // A closed pipe (e.g. `weft x.py | head`) is not an error worth reporting.
        let _ = out.write_all(data);
        let _ = out.flush();
    }

    fn flush_stdout(&self) {
        let mut buf = lock(&self.stdout_buf);
        if !buf.is_empty() {
            Self::write_stdout_raw(&buf);
            buf.clear();
        }
    }

    /// Read more bytes from stdin into `state.buf`. Returns false at end of input or when an
    /// interrupt arrived while waiting.
    fn fill_stdin(state: &mut StdinState) -> bool {
        if state.eof {
            return false;
        }
        if !wait_readable_or_interrupt() {
            return false;
        }
        let mut chunk = [0u8; 4096];
        loop {
            match read_stdin(&mut chunk) {
                Ok(0) => {
                    state.eof = true;
                    return false;
                }
                Ok(n) => {
                    state.buf.extend_from_slice(&chunk[..n]);
                    return true;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                    if interrupt_pending() {
                        return false;
                    }
                }
                Err(_) => {
                    state.eof = true;
                    return false;
                }
            }
        }
    }
}

impl Default for OsPort {
    fn default() -> Self {
        OsPort::new()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Read from fd 0 without std's `Stdin` buffer (which `poll` cannot see into).
#[cfg(unix)]
fn read_stdin(buf: &mut [u8]) -> io::Result<usize> {
    use std::os::unix::io::FromRawFd;
    // SAFETY: fd 0 stays open for the life of the process; ManuallyDrop never closes it.
    let mut f = std::mem::ManuallyDrop::new(unsafe { fs::File::from_raw_fd(0) });
    f.read(buf)
}

#[cfg(not(unix))]
fn read_stdin(buf: &mut [u8]) -> io::Result<usize> {
    io::stdin().lock().read(buf)
}

/// Wait until stdin has data (or EOF), polling the interrupt flag every 10 ms.
/// Returns false if an interrupt arrived first.
#[cfg(unix)]
fn wait_readable_or_interrupt() -> bool {
    loop {
        if interrupt_pending() {
            return false;
        }
        let mut pfd = libc::pollfd {
            fd: 0,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, count 1.
        let r = unsafe { libc::poll(&mut pfd, 1, 10) };
        if r > 0 {
            return true;
        }
        if r < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            // poll is not usable on this stdin: fall back to a blocking read
            return true;
        }
    }
}

#[cfg(not(unix))]
fn wait_readable_or_interrupt() -> bool {
    !interrupt_pending()
}

impl Port for OsPort {
    fn write(&self, stream: Stream, data: &[u8]) {
        match stream {
            Stream::Stdout => {
                let mut buf = lock(&self.stdout_buf);
                buf.extend_from_slice(data);
                if self.stdout_tty {
                    if let Some(nl) = buf.iter().rposition(|&b| b == b'\n') {
                        Self::write_stdout_raw(&buf[..=nl]);
                        buf.drain(..=nl);
                    }
                }
                if buf.len() >= STDOUT_BLOCK {
                    Self::write_stdout_raw(&buf);
                    buf.clear();
                }
            }
            Stream::Stderr => {
                if self.stdout_tty {
                    self.flush_stdout();
                }
                let _ = io::stderr().lock().write_all(data);
            }
        }
    }

    fn flush(&self) {
        self.flush_stdout();
        let _ = io::stderr().flush();
    }

    fn read_line(&self, prompt: &str) -> Option<String> {
        if !prompt.is_empty() {
            self.write(Stream::Stdout, prompt.as_bytes());
        }
        self.flush();
        let mut state = lock(&self.stdin_buf);
        loop {
            if let Some(nl) = state.buf.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = state.buf.drain(..=nl).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Some(String::from_utf8_lossy(&line).into_owned());
            }
            if !Self::fill_stdin(&mut state) {
                if interrupt_pending() || state.buf.is_empty() {
                    return None;
                }
                // last line without a newline
                let line: Vec<u8> = std::mem::take(&mut state.buf);
                return Some(String::from_utf8_lossy(&line).into_owned());
            }
        }
    }

    fn ticks_us(&self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }

    fn time_ns(&self) -> u64 {
        wall_time_ns()
    }

    fn sleep_us(&self, us: u64) {
        let deadline = Instant::now() + Duration::from_micros(us);
        loop {
            if interrupt_pending() {
                return;
            }
            let now = Instant::now();
            if now >= deadline {
                return;
            }
            std::thread::sleep((deadline - now).min(Duration::from_millis(10)));
        }
    }

    fn take_interrupt(&self) -> bool {
        INTERRUPT.swap(false, Ordering::SeqCst)
    }

    fn urandom(&self, buf: &mut [u8]) {
        os_urandom(buf);
    }

    fn fs(&self) -> Option<&dyn FileSystem> {
        Some(&self.fs)
    }

    fn heap_used(&self) -> Option<usize> {
        Some(heap_bytes())
    }

    fn threads(&self) -> Option<&dyn weft_vm::port::ThreadPort> {
        Some(&self.threads)
    }

    fn trace(&self, event: &weft_vm::trace::Event) {
        let line = format!("{event}\n");
        let mut out = self.trace_out.lock().unwrap_or_else(|e| e.into_inner());
        match out.as_mut() {
            Some(f) => {
                let _ = f.write_all(line.as_bytes());
            }
            None => {
                let _ = io::stderr().write_all(line.as_bytes());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// File system

/// The real file system, through `std::fs`.
pub struct OsFs;

/// errno numbers (Linux values; the VM shows them as `OSError.errno`).
pub mod errno {
    pub const ENOENT: i32 = 2;
    pub const EIO: i32 = 5;
    pub const EACCES: i32 = 13;
    pub const EEXIST: i32 = 17;
    pub const EXDEV: i32 = 18;
    pub const ENOTDIR: i32 = 20;
    pub const EISDIR: i32 = 21;
    pub const EINVAL: i32 = 22;
    pub const ENOSPC: i32 = 28;
    pub const ESPIPE: i32 = 29;
    pub const EROFS: i32 = 30;
    pub const ENOTEMPTY: i32 = 39;
}

/// Map an `io::Error` to the VM's `OsError` (errno + message without Rust's "(os error N)").
pub fn os_error(e: &io::Error) -> OsError {
    use io::ErrorKind as K;
    let errno = e.raw_os_error().unwrap_or(match e.kind() {
        K::NotFound => errno::ENOENT,
        K::PermissionDenied => errno::EACCES,
        K::AlreadyExists => errno::EEXIST,
        K::IsADirectory => errno::EISDIR,
        K::NotADirectory => errno::ENOTDIR,
        K::DirectoryNotEmpty => errno::ENOTEMPTY,
        K::InvalidInput | K::InvalidData => errno::EINVAL,
        K::StorageFull => errno::ENOSPC,
        K::ReadOnlyFilesystem => errno::EROFS,
        K::CrossesDevices => errno::EXDEV,
        K::NotSeekable => errno::ESPIPE,
        _ => errno::EIO,
    });
    let text = e.to_string();
    let msg = match text.find(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    OsError { errno, msg }
}

fn err<T>(e: io::Error) -> OsResult<T> {
    Err(os_error(&e))
}

struct OsFile(fs::File);

impl PortFile for OsFile {
    fn read(&mut self, buf: &mut [u8]) -> OsResult<usize> {
        loop {
            match self.0.read(buf) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return err(e),
            }
        }
    }

    fn write(&mut self, buf: &[u8]) -> OsResult<usize> {
        loop {
            match self.0.write(buf) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return err(e),
            }
        }
    }

    fn seek(&mut self, pos: i64, whence: i32) -> OsResult<u64> {
        let from = match whence {
            0 => {
                if pos < 0 {
                    return Err(OsError {
                        errno: errno::EINVAL,
                        msg: "Invalid argument".into(),
                    });
                }
                SeekFrom::Start(pos as u64)
            }
            1 => SeekFrom::Current(pos),
            2 => SeekFrom::End(pos),
            _ => {
                return Err(OsError {
                    errno: errno::EINVAL,
                    msg: "Invalid argument".into(),
                })
            }
        };
        self.0.seek(from).or_else(err)
    }

    fn flush(&mut self) -> OsResult<()> {
        self.0.flush().or_else(err)
    }
}

impl FileSystem for OsFs {
    fn open(&self, path: &str, flags: OpenFlags) -> OsResult<Box<dyn PortFile>> {
        let mut o = fs::OpenOptions::new();
        o.read(flags.read)
            .write(flags.write || flags.append)
            .append(flags.append)
            .truncate(flags.truncate && !flags.append);
        if flags.exclusive {
            o.create_new(true);
        } else {
            o.create(flags.create);
        }
        let f = o.open(path).or_else(err)?;
        // Opening a directory succeeds on Unix; Python says EISDIR.
        if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
            return Err(OsError {
                errno: errno::EISDIR,
                msg: "Is a directory".into(),
            });
        }
        Ok(Box::new(OsFile(f)))
    }

    fn stat(&self, path: &str) -> OsResult<FileStat> {
        let m = fs::metadata(path).or_else(err)?;
        let mtime = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Ok(FileStat {
            is_dir: m.is_dir(),
            size: m.len(),
            mtime,
        })
    }

    fn listdir(&self, path: &str) -> OsResult<Vec<String>> {
        let path = if path.is_empty() { "." } else { path };
        let mut names = Vec::new();
        for entry in fs::read_dir(path).or_else(err)? {
            let entry = entry.or_else(err)?;
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        Ok(names)
    }

    fn remove(&self, path: &str) -> OsResult<()> {
        fs::remove_file(path).or_else(err)
    }

    fn rename(&self, from: &str, to: &str) -> OsResult<()> {
        fs::rename(from, to).or_else(err)
    }

    fn mkdir(&self, path: &str) -> OsResult<()> {
        fs::create_dir(path).or_else(err)
    }

    fn rmdir(&self, path: &str) -> OsResult<()> {
        fs::remove_dir(path).or_else(err)
    }

    fn getcwd(&self) -> OsResult<String> {
        let p = std::env::current_dir().or_else(err)?;
        Ok(p.to_string_lossy().into_owned())
    }

    fn chdir(&self, path: &str) -> OsResult<()> {
        std::env::set_current_dir(path).or_else(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("weft-port-{}-{}", name, std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn errno_mapping() {
        let fs = OsFs;
        let d = tmpdir("errno");
        let missing = d.join("missing");
        let e = fs.stat(missing.to_str().unwrap()).unwrap_err();
        assert_eq!(e.errno, errno::ENOENT);
        assert_eq!(e.msg, "No such file or directory");

        let sub = d.join("sub");
        fs.mkdir(sub.to_str().unwrap()).unwrap();
        assert_eq!(
            fs.mkdir(sub.to_str().unwrap()).unwrap_err().errno,
            errno::EEXIST
        );
        let rd = OpenFlags {
            read: true,
            ..Default::default()
        };
        assert_eq!(
            fs.open(sub.to_str().unwrap(), rd).err().unwrap().errno,
            errno::EISDIR
        );
        fs::write(sub.join("f"), b"x").unwrap();
        assert_eq!(
            fs.rmdir(sub.to_str().unwrap()).unwrap_err().errno,
            errno::ENOTEMPTY
        );
        let under_file = sub.join("f").join("g");
        assert_eq!(
            fs.stat(under_file.to_str().unwrap()).unwrap_err().errno,
            errno::ENOTDIR
        );
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn file_roundtrip() {
        let fs = OsFs;
        let d = tmpdir("file");
        let p = d.join("a.txt");
        let p = p.to_str().unwrap();
        let w = OpenFlags {
            write: true,
            create: true,
            truncate: true,
            ..Default::default()
        };
        let mut f = fs.open(p, w).unwrap();
        assert_eq!(f.write(b"hello world").unwrap(), 11);
        f.flush().unwrap();
        drop(f);
        let mut f = fs
            .open(
                p,
                OpenFlags {
                    read: true,
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(f.seek(6, 0).unwrap(), 6);
        let mut buf = [0u8; 16];
        let n = f.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"world");
        assert_eq!(f.seek(-5, 2).unwrap(), 6);
        assert_eq!(fs.stat(p).unwrap().size, 11);
        let x = OpenFlags {
            write: true,
            create: true,
            exclusive: true,
            ..Default::default()
        };
        assert_eq!(fs.open(p, x).err().unwrap().errno, errno::EEXIST);
        assert_eq!(fs.listdir(d.to_str().unwrap()).unwrap(), vec!["a.txt"]);
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn heap_is_counted() {
        let v: Vec<u8> = Vec::with_capacity(1 << 20);
        // other test threads allocate and free too; the live 1 MiB is always counted
        assert!(heap_bytes() >= 1 << 20);
        assert_eq!(OsPort::new().heap_used().map(|h| h >= 1 << 20), Some(true));
        drop(v);
    }

    #[test]
    fn sleep_and_clock() {
        let port = OsPort::new();
        let t0 = port.ticks_us();
        port.sleep_us(2000);
        assert!(port.ticks_us() - t0 >= 2000);
        assert!(port.time_ns() > 1_600_000_000 * 1_000_000_000);
        let mut b = [0u8; 32];
        port.urandom(&mut b);
        assert!(b.iter().any(|&x| x != 0));

        // an interrupt wakes a sleep (same test: INTERRUPT is process-global)
        INTERRUPT.store(true, Ordering::SeqCst);
        let t = Instant::now();
        port.sleep_us(5_000_000);
        assert!(t.elapsed() < Duration::from_secs(1));
        assert!(port.take_interrupt());
        assert!(!port.take_interrupt());
    }
}
