//! `weft board`: a virtual board. Weft's VM behind the device side of the raw-REPL protocol
//! (`weft_bridge::device`), on stdio, on a pty it creates (`--pty`, path printed), or on an
//! existing tty path (`--port PATH`, e.g. one end of a `socat` link).
//!
//! The loop is the firmware's (`weft_board::console::serve`: friendly REPL, raw REPL, soft
//! reset, Ctrl-C); this file is its platform on the host:
//! - a reader thread reads the line and feeds the console (Ctrl-C acts at once, the rest
//!   goes to the loop, which runs on the main thread and owns the interpreter);
//! - Python threads are host threads (counted, so a soft reset can wait until they are
//!   gone); files live under the board's root folder (`--root DIR`, default a fresh temp
//!   dir).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use weft_board::console::{self, Console, Lock, Platform};
use weft_vm::port::{FileStat, FileSystem, OpenFlags, OsError, OsResult, PortFile, ThreadPort};
use weft_vm::{Config, Interp};

use crate::port::{errno, OsFs};
use crate::tty::{self, Fd};

/// Raw-paste window: the device grants this many bytes at a time (two windows at first).
/// 512 keeps a 115 200-baud line busy while a credit byte makes its round trip (44 ms of
/// slack); the board buffers the whole program anyway. A firmware picks its own (MicroPython
/// uses 128 with its 256-byte buffer).
pub const WINDOW: u16 = 512;

#[derive(clap::Args, Debug)]
pub struct BoardArgs {
    /// Create a pseudo-terminal and serve the board on it (its path is printed)
    #[arg(long, conflicts_with = "port")]
    pub pty: bool,
    /// Serve the board on this existing tty (e.g. one end of a socat link)
    #[arg(long, value_name = "PATH")]
    pub port: Option<String>,
    /// The board's file system: this folder (default: a new temporary folder)
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

// ---------------------------------------------------------------------------------------------
// The port

/// The os thread backend, counting live host threads so a soft reset can wait for them.
struct BoardThreads {
    inner: crate::threads::OsThreads,
    live: Arc<AtomicUsize>,
}

impl ThreadPort for BoardThreads {
    fn spawn(&self, f: Box<dyn FnOnce() + Send>, stack_size: usize) -> Result<(), String> {
        let live = self.live.clone();
        live.fetch_add(1, Ordering::SeqCst);
        let r = self.inner.spawn(
            Box::new(move || {
                struct Done(Arc<AtomicUsize>);
                impl Drop for Done {
                    fn drop(&mut self) {
                        self.0.fetch_sub(1, Ordering::SeqCst);
                    }
                }
                let _done = Done(live);
                f()
            }),
            stack_size,
        );
        if r.is_err() {
            self.live.fetch_sub(1, Ordering::SeqCst);
        }
        r
    }
    fn current_id(&self) -> u64 {
        self.inner.current_id()
    }
    fn gil_acquire(&self) {
        self.inner.gil_acquire()
    }
    fn gil_release(&self) {
        self.inner.gil_release()
    }
    fn gil_yield(&self) {
        self.inner.gil_yield()
    }
    fn new_lock(&self) -> Box<dyn weft_vm::port::PortLock> {
        self.inner.new_lock()
    }
}

/// The console's state behind a mutex: the reader thread, the loop and Python threads share it.
struct HostLock<T>(Mutex<T>);

impl<T: Send> Lock<T> for HostLock<T> {
    fn new(value: T) -> Self {
        HostLock(Mutex::new(value))
    }
    fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

struct HostBoard {
    start: Instant,
    out: Fd,
    threads: BoardThreads,
    fs: RootedFs,
    /// the line closed (stdio at end of input, or the quit key)
    closed: AtomicBool,
    /// input arrived since the last `wait` (set by the reader thread)
    woken: Mutex<bool>,
    wake: Condvar,
}

impl HostBoard {
    /// Input arrived (or the line closed): end the waits.
    fn kick(&self) {
        *self.woken.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.wake.notify_all();
    }
}

/// Longest single wait: a wake-up lost to a race costs no more than this.
const WAIT_SLICE: Duration = Duration::from_millis(10);

impl Platform for HostBoard {
    type Lock<T: Send> = HostLock<T>;

    fn read(&self, _buf: &mut [u8]) -> usize {
        // the reader thread feeds the console
        0
    }
    fn write(&self, data: &[u8]) {
        let _ = self.out.write_all(data);
    }
    fn ticks_us(&self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }
    fn wait(&self, deadline_us: u64) {
        let left = Duration::from_micros(deadline_us.saturating_sub(self.ticks_us()));
        if left.is_zero() {
            return;
        }
        let woken = self.woken.lock().unwrap_or_else(|e| e.into_inner());
        let mut woken = if *woken {
            woken
        } else {
            self.wake
                .wait_timeout(woken, left.min(WAIT_SLICE))
                .unwrap_or_else(|e| e.into_inner())
                .0
        };
        *woken = false;
    }
    fn closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }
    fn config(&self) -> Config {
        Config {
            platform: crate::platform(),
            argv: vec![String::new()],
            path: vec![String::new(), "/lib".into()],
            ..Config::default()
        }
    }
    fn threads_alive(&self, _interp: &Interp) -> usize {
        self.threads.live.load(Ordering::SeqCst)
    }
    fn run_threads(&self, _interp: &mut Interp, us: u64) -> bool {
        // host threads run by themselves: wait a little (less if input comes)
        self.wait(self.ticks_us() + us.min(5_000));
        true
    }

    fn time_ns(&self) -> u64 {
        crate::port::wall_time_ns()
    }
    fn urandom(&self, buf: &mut [u8]) {
        crate::port::os_urandom(buf);
    }
    fn fs(&self) -> Option<&dyn FileSystem> {
        Some(&self.fs)
    }
    fn heap_used(&self) -> Option<usize> {
        Some(crate::port::heap_bytes())
    }
    fn threads(&self) -> Option<&dyn ThreadPort> {
        Some(&self.threads)
    }
}

// ---------------------------------------------------------------------------------------------
// The board's file system: a folder seen as `/`

struct RootedFs {
    root: PathBuf,
    cwd: Mutex<String>,
}

impl RootedFs {
    /// The board path `path` (absolute, or relative to the board's cwd) as a host path
    /// under the root; `..` never leaves the root.
    fn host(&self, path: &str) -> String {
        let cwd = self.cwd.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let joined = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{cwd}/{path}")
        };
        let board = normalize(&joined);
        let mut p = self.root.clone();
        for part in board.split('/').filter(|s| !s.is_empty()) {
            p.push(part);
        }
        p.to_string_lossy().into_owned()
    }
}

/// `/a/./b/../c` → `/a/c` (never above `/`).
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

impl FileSystem for RootedFs {
    fn open(&self, path: &str, flags: OpenFlags) -> OsResult<Box<dyn PortFile>> {
        OsFs.open(&self.host(path), flags)
    }
    fn stat(&self, path: &str) -> OsResult<FileStat> {
        OsFs.stat(&self.host(path))
    }
    fn listdir(&self, path: &str) -> OsResult<Vec<String>> {
        let path = if path.is_empty() { "." } else { path };
        let mut names = OsFs.listdir(&self.host(path))?;
        names.sort();
        Ok(names)
    }
    fn remove(&self, path: &str) -> OsResult<()> {
        OsFs.remove(&self.host(path))
    }
    fn rename(&self, from: &str, to: &str) -> OsResult<()> {
        OsFs.rename(&self.host(from), &self.host(to))
    }
    fn mkdir(&self, path: &str) -> OsResult<()> {
        OsFs.mkdir(&self.host(path))
    }
    fn rmdir(&self, path: &str) -> OsResult<()> {
        OsFs.rmdir(&self.host(path))
    }
    fn getcwd(&self) -> OsResult<String> {
        Ok(self.cwd.lock().unwrap_or_else(|e| e.into_inner()).clone())
    }
    fn chdir(&self, path: &str) -> OsResult<()> {
        let host = self.host(path);
        if !Path::new(&host).is_dir() {
            return Err(OsError {
                errno: errno::ENOENT,
                msg: "No such file or directory".into(),
            });
        }
        let cur = self.cwd.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let joined = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{cur}/{path}")
        };
        *self.cwd.lock().unwrap_or_else(|e| e.into_inner()) = normalize(&joined);
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Serving the line

fn banner() -> String {
    format!(
        "{}Virtual board: Ctrl-A raw REPL, Ctrl-B friendly REPL, Ctrl-C interrupt, Ctrl-D soft reset\n",
        crate::repl::banner().replace("Ctrl-D to exit, ", "")
    )
}

pub fn main(args: BoardArgs) -> i32 {
    let root = match &args.root {
        Some(r) => {
            if let Err(e) = std::fs::create_dir_all(r) {
                eprintln!("weft board: can't use '{}' as the root: {e}", r.display());
                return 2;
            }
            r.clone()
        }
        None => {
            let d = std::env::temp_dir().join(format!("weft-board-{}", std::process::id()));
            if let Err(e) = std::fs::create_dir_all(&d) {
                eprintln!("weft board: can't create '{}': {e}", d.display());
                return 2;
            }
            d
        }
    };
    let root = std::fs::canonicalize(&root).unwrap_or(root);

    // the line: (read side, write side, raw-mode guard for a terminal on stdio)
    let (rd, wr, _guard, stdio) = if args.pty {
        match tty::open_pty() {
            Ok((master, path)) => {
                println!("weft board: {path} (root {})", root.display());
                match master.dup() {
                    Ok(w) => (master, w, None, false),
                    Err(e) => {
                        eprintln!("weft board: {e}");
                        return 1;
                    }
                }
            }
            Err(e) => {
                eprintln!("weft board: can't create a pty: {e}");
                return 1;
            }
        }
    } else if let Some(p) = &args.port {
        match tty::open_raw(p) {
            Ok(fd) => {
                println!("weft board: {p} (root {})", root.display());
                match fd.dup() {
                    Ok(w) => (fd, w, None, false),
                    Err(e) => {
                        eprintln!("weft board: {e}");
                        return 1;
                    }
                }
            }
            Err(e) => {
                eprintln!("weft board: can't open '{p}': {e}");
                return 1;
            }
        }
    } else {
        let guard = tty::RawGuard::stdin();
        (Fd::stdin(), Fd::stdout(), guard, true)
    };
    let _ = io::Write::flush(&mut io::stdout());
    let quit_key = stdio && _guard.is_some();

    let board = HostBoard {
        start: Instant::now(),
        out: wr,
        threads: BoardThreads {
            inner: crate::threads::OsThreads {
                gil: hostsync::Gil::new(hostsync::NativeParker),
            },
            live: Arc::new(AtomicUsize::new(0)),
        },
        fs: RootedFs {
            root,
            cwd: Mutex::new("/".into()),
        },
        closed: AtomicBool::new(false),
        woken: Mutex::new(false),
        wake: Condvar::new(),
    };
    let console: &'static Console<HostBoard> = Box::leak(Box::new(Console::new(board, WINDOW)));
    // the greeting goes out before any input is read (it would echo ahead of it otherwise)
    console.start(&banner());
    std::thread::spawn(move || reader(console, rd, quit_key));
    console::serve(console, console.new_interp());
    0
}

/// Read the line and feed the console until the line closes.
fn reader(console: &'static Console<HostBoard>, rd: Fd, quit_key: bool) {
    let board = &console.platform;
    let mut buf = [0u8; 4096];
    loop {
        let n = match rd.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => {
                // a pty whose other side is closed: wait for the next host
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let data = &buf[..n];
        if quit_key && data.contains(&0x1c) {
            break;
        }
        console.feed(data);
        board.kick();
    }
    board.closed.store(true, Ordering::SeqCst);
    board.kick();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_under_the_root() {
        assert_eq!(normalize("/a/./b/../c"), "/a/c");
        assert_eq!(normalize("/../../etc/passwd"), "/etc/passwd");
        let fs = RootedFs {
            root: PathBuf::from("/r"),
            cwd: Mutex::new("/lib".into()),
        };
        assert_eq!(fs.host("/main.py"), "/r/main.py");
        assert_eq!(fs.host("x.py"), "/r/lib/x.py");
        assert_eq!(fs.host("../../../etc/passwd"), "/r/etc/passwd");
    }
}
