//! `weft board`: a virtual board. Weft's VM behind the device side of the raw-REPL protocol
//! (`weft_bridge::device`), on stdio, on a pty it creates (`--pty`, path printed), or on an
//! existing tty path (`--port PATH`, e.g. one end of a `socat` link).
//!
//! Three parts:
//! - the reader thread reads the line, feeds the `Device`, turns Ctrl-C into the port's
//!   interrupt flag at once (a second one while the first is pending: kill), and hands the
//!   other events to the runner;
//! - the runner (the main thread) owns the interpreter: it runs friendly-REPL input, raw-REPL
//!   code (`Interp::run_main` in the persistent `__main__`) and soft resets (kill every
//!   thread of the old interpreter, wait until they are gone, start a new one);
//! - `BoardPort` is the VM's port: console output goes through `Device::output` (which
//!   fences idle-time thread output, see `weft_bridge::device`), files live under the
//!   board's root folder (`--root DIR`, default a fresh temp dir).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use weft_bridge::device::{Device, Event};
use weft_vm::port::{
    FileStat, FileSystem, OpenFlags, OsError, OsResult, Port, PortFile, Stream, ThreadPort,
};
use weft_vm::{Config, Interp, ReplOutcome};

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

struct BoardPort {
    start: Instant,
    dev: Mutex<Device>,
    out: Fd,
    interrupt: AtomicBool,
    kill: AtomicBool,
    threads: BoardThreads,
    fs: RootedFs,
    /// to the runner
    events: Mutex<mpsc::Sender<Input>>,
    /// when the last Ctrl-C of the current run arrived
    last_interrupt: Mutex<Option<Instant>>,
}

impl BoardPort {
    /// Send what the device has queued. Called with the device locked, so writes from the
    /// reader thread, the runner and Python threads never interleave mid-message.
    fn flush_dev(&self, dev: &mut Device) {
        let out = dev.take_output();
        if !out.is_empty() {
            let _ = self.out.write_all(&out);
        }
    }

    /// Work on the device, then hand its events on (under the lock, so they stay in byte
    /// order whoever produced them: the reader's `feed`, or the replay of type-ahead inside
    /// `prompt` / `exec_done`) and send its output.
    fn with_dev<R>(&self, f: impl FnOnce(&mut Device) -> R) -> R {
        let mut dev = self.dev.lock().unwrap_or_else(|e| e.into_inner());
        let r = f(&mut dev);
        while let Some(ev) = dev.next_event() {
            self.dispatch(ev);
        }
        self.flush_dev(&mut dev);
        r
    }

    /// Ctrl-C acts at once; everything else goes to the runner.
    fn dispatch(&self, ev: Event) {
        if ev == Event::Interrupt {
            let mut last = self
                .last_interrupt
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            let recent = last.is_some_and(|t| t.elapsed() < Duration::from_secs(1));
            if self.interrupt.swap(true, Ordering::SeqCst) || recent {
                // a second Ctrl-C before the first was seen, or soon after it (a program
                // that swallows KeyboardInterrupt; a host's Ctrl-C Ctrl-C): end it for sure
                self.kill.store(true, Ordering::SeqCst);
            }
            *last = Some(Instant::now());
            return;
        }
        if matches!(ev, Event::Exec(_) | Event::Line(_) | Event::Paste(_)) {
            // a new run: forget an interrupt meant for the last one. Done here, in byte
            // order, so a Ctrl-C typed right after the code is never lost
            begin_run(self);
        }
        let tx = self.events.lock().unwrap_or_else(|e| e.into_inner());
        let _ = tx.send(Input::Ev(ev));
    }

    fn stopping(&self) -> bool {
        self.interrupt.load(Ordering::SeqCst) || self.kill.load(Ordering::SeqCst)
    }
}

impl Port for BoardPort {
    fn write(&self, stream: Stream, data: &[u8]) {
        let s = match stream {
            Stream::Stdout => weft_bridge::Stream::Stdout,
            Stream::Stderr => weft_bridge::Stream::Stderr,
        };
        self.with_dev(|d| d.output(s, data));
    }

    fn read_line(&self, prompt: &str) -> Option<String> {
        if !prompt.is_empty() {
            self.write(Stream::Stdout, prompt.as_bytes());
        }
        loop {
            if let Some(l) = self.with_dev(|d| d.take_input_line()) {
                return Some(l);
            }
            if self.stopping() {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn ticks_us(&self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }

    fn time_ns(&self) -> u64 {
        crate::port::wall_time_ns()
    }

    fn sleep_us(&self, us: u64) {
        let deadline = Instant::now() + Duration::from_micros(us);
        loop {
            if self.stopping() {
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
        self.interrupt.swap(false, Ordering::SeqCst)
    }

    fn kill_requested(&self) -> bool {
        self.kill.load(Ordering::SeqCst)
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
// The runner

enum Input {
    Ev(Event),
    /// the line closed (stdio at end of input)
    Closed,
}

fn banner() -> String {
    format!(
        "{}Virtual board: Ctrl-A raw REPL, Ctrl-B friendly REPL, Ctrl-C interrupt, Ctrl-D soft reset\n",
        crate::repl::banner().replace("Ctrl-D to exit, ", "")
    )
}

fn new_interp(port: &'static BoardPort) -> Interp {
    let config = Config {
        platform: crate::platform(),
        argv: vec![String::new()],
        path: vec![String::new(), "/lib".into()],
        ..Config::default()
    };
    Interp::new(port, config)
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

    let (tx, rx) = mpsc::channel::<Input>();
    let port: &'static BoardPort = Box::leak(Box::new(BoardPort {
        start: Instant::now(),
        dev: Mutex::new(Device::new(&banner(), WINDOW)),
        out: wr,
        interrupt: AtomicBool::new(false),
        kill: AtomicBool::new(false),
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
        events: Mutex::new(tx.clone()),
        last_interrupt: Mutex::new(None),
    }));
    // the greeting goes out before any input is read (it would echo ahead of it otherwise)
    port.with_dev(|d| d.start());
    std::thread::spawn(move || reader(port, rd, tx, quit_key));
    run(port, rx)
}

/// Read the line; feed the device; Ctrl-C acts at once, the rest goes to the runner.
fn reader(port: &'static BoardPort, rd: Fd, tx: mpsc::Sender<Input>, quit_key: bool) {
    let mut buf = [0u8; 4096];
    loop {
        let n = match rd.read(&mut buf) {
            Ok(0) => {
                let _ = tx.send(Input::Closed);
                return;
            }
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
            let _ = tx.send(Input::Closed);
            return;
        }
        port.with_dev(|d| d.feed(data));
    }
}

fn run(port: &'static BoardPort, rx: mpsc::Receiver<Input>) -> i32 {
    let mut interp = new_interp(port);
    let mut block = String::new();
    let mut first = String::new();
    let mut closed = false;
    loop {
        // after the line closed, the type-ahead still runs (its events come from `prompt` /
        // `exec_done` on this thread, so they are queued before the next receive)
        let input = if closed {
            rx.recv_timeout(Duration::from_millis(50)).ok()
        } else {
            rx.recv().ok()
        };
        let ev = match input {
            Some(Input::Ev(ev)) => ev,
            Some(Input::Closed) => {
                closed = true;
                continue;
            }
            None => break,
        };
        match ev {
            Event::Exec(code) => {
                let src = String::from_utf8_lossy(&code).into_owned();
                let status = interp.run_main(&src, "<stdin>");
                port.with_dev(|d| d.exec_finished(status));
            }
            Event::Paste(code) => {
                interp.run_main(&code, "<stdin>");
                port.with_dev(|d| d.prompt(false));
            }
            Event::Line(line) => {
                if block.is_empty() {
                    if line.trim().is_empty() {
                        port.with_dev(|d| d.prompt(false));
                        continue;
                    }
                    first = line.clone();
                } else {
                    block.push('\n');
                }
                block.push_str(&line);
                let is_block = weft_vm::repl_lines::starts_block(&first);
                let complete =
                    weft_vm::input_is_complete(&block) && (!is_block || line.trim().is_empty());
                if !(complete || is_block && line.trim().is_empty()) {
                    port.with_dev(|d| d.prompt(true));
                    continue;
                }
                let src = std::mem::take(&mut block);
                match interp.repl_exec(&src) {
                    ReplOutcome::Exit(_) => {
                        // sys.exit() at the friendly REPL: a soft reset, as MicroPython
                        interp = soft_reset(port, interp);
                        port.with_dev(|d| d.soft_reset_done());
                    }
                    _ => port.with_dev(|d| d.prompt(false)),
                }
            }
            Event::Cancel => block.clear(),
            Event::SoftReset => {
                block.clear();
                interp = soft_reset(port, interp);
                port.with_dev(|d| d.soft_reset_done());
            }
            Event::Interrupt => {}
        }
    }
    // the line closed: end every thread and leave
    port.kill.store(true, Ordering::SeqCst);
    wait_threads(port, Duration::from_secs(2));
    0
}

/// A new run starts without an old interrupt or kill pending.
fn begin_run(port: &BoardPort) {
    port.interrupt.store(false, Ordering::SeqCst);
    port.kill.store(false, Ordering::SeqCst);
    *port
        .last_interrupt
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = None;
}

fn wait_threads(port: &BoardPort, limit: Duration) -> bool {
    let t0 = Instant::now();
    while port.threads.live.load(Ordering::SeqCst) > 0 {
        if t0.elapsed() > limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    true
}

/// End every thread of `old` (kill: no `except`/`finally` runs), wait until they are gone,
/// and start a new interpreter.
fn soft_reset(port: &'static BoardPort, old: Interp) -> Interp {
    port.kill.store(true, Ordering::SeqCst);
    port.interrupt.store(true, Ordering::SeqCst);
    let gone = wait_threads(port, Duration::from_secs(3));
    drop(old);
    port.kill.store(false, Ordering::SeqCst);
    port.interrupt.store(false, Ordering::SeqCst);
    if !gone {
        let n = port.threads.live.load(Ordering::SeqCst);
        port.write(
            Stream::Stderr,
            format!("weft board: {n} thread(s) of the old program did not stop\n").as_bytes(),
        );
    }
    new_interp(port)
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
