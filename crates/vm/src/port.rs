//! The port: everything the VM needs from the platform it runs on.
//!
//! This is the Rust counterpart of MicroPython's `mphal` + `mpthread.h`. Each build (the
//! native CLI, the browser worker build, the firmware) implements it once; nothing else in
//! `crates/vm` knows which platform it is on.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::sync::atomic::AtomicBool;
/// Which console stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Metadata of a file or directory (`os.stat`).
#[derive(Clone, Copy, Debug, Default)]
pub struct FileStat {
    pub is_dir: bool,
    pub size: u64,
    /// modification time, seconds since the epoch
    pub mtime: i64,
}

/// A platform error for a file operation: the errno number and its text.
#[derive(Clone, Debug)]
pub struct OsError {
    pub errno: i32,
    pub msg: String,
}

pub type OsResult<T> = Result<T, OsError>;

/// An open file handle as the platform knows it.
pub trait PortFile {
    fn read(&mut self, buf: &mut [u8]) -> OsResult<usize>;
    fn write(&mut self, buf: &[u8]) -> OsResult<usize>;
    /// whence: 0 = start, 1 = current, 2 = end; returns the new position
    fn seek(&mut self, pos: i64, whence: i32) -> OsResult<u64>;
    fn flush(&mut self) -> OsResult<()>;
}

/// `open()` flags, as parsed from the Python mode string.
#[derive(Clone, Copy, Debug, Default)]
pub struct OpenFlags {
    pub read: bool,
    pub write: bool,
    pub append: bool,
    pub create: bool,
    pub truncate: bool,
    pub exclusive: bool,
}

/// A file system (real on the CLI, in memory or flash elsewhere). All paths are `/`-separated.
pub trait FileSystem {
    fn open(&self, path: &str, flags: OpenFlags) -> OsResult<Box<dyn PortFile>>;
    fn stat(&self, path: &str) -> OsResult<FileStat>;
    fn listdir(&self, path: &str) -> OsResult<Vec<String>>;
    fn remove(&self, path: &str) -> OsResult<()>;
    fn rename(&self, from: &str, to: &str) -> OsResult<()>;
    fn mkdir(&self, path: &str) -> OsResult<()>;
    fn rmdir(&self, path: &str) -> OsResult<()>;
    fn getcwd(&self) -> OsResult<String>;
    fn chdir(&self, path: &str) -> OsResult<()>;
}

/// A lock the platform can block on (backs `_thread.allocate_lock()`). The VM calls
/// `acquire` with the GIL released, in short slices so that Ctrl-C and Stop are seen.
pub trait PortLock: Send + Sync {
    /// Try to take the lock, waiting at most `timeout_us` (0: don't wait). True if taken.
    fn acquire(&self, timeout_us: u64) -> bool;
    fn release(&self);
    fn locked(&self) -> bool;
}

/// Host threads and the GIL (the os backend: std threads; the worker backend: Web Workers).
/// A port without it runs one Python thread (the green backend will schedule many on one
/// host thread inside the VM).
pub trait ThreadPort: Sync {
    /// Start a host thread running `f`. `stack_size` 0 means the platform default.
    fn spawn(&self, f: Box<dyn FnOnce() + Send>, stack_size: usize) -> Result<(), String>;
    /// An id for the calling host thread (`_thread.get_ident()`).
    fn current_id(&self) -> u64;
    /// Take the GIL, blocking until it is free.
    fn gil_acquire(&self);
    fn gil_release(&self);
    /// Hand the GIL to a waiting thread, if any, and take it back afterwards (the switch
    /// every few thousand instructions). Returns at once when nobody waits.
    fn gil_yield(&self);
    fn new_lock(&self) -> Box<dyn PortLock>;
}

/// How a GPIO pin is driven (`machine.Pin.IN` / `OUT` / `OPEN_DRAIN`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinMode {
    In,
    Out,
    OpenDrain,
}

/// A pin's pull resistor (`machine.Pin.PULL_UP` / `PULL_DOWN`, or none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinPull {
    None,
    Up,
    Down,
}

/// A microcontroller's own hardware, for the `machine` module: GPIO pins, the CPU clock,
/// reset. Boards implement it; hosts don't (like MicroPython's unix port, whose `machine`
/// has no `Pin`). Called under the GIL; none of these may block for long.
pub trait Machine: Sync {
    /// Configure GPIO `pin`. `Err(text)` for a pin that does not exist or that the
    /// firmware keeps for itself (flash, console); it becomes a `ValueError`.
    fn pin_init(&self, pin: u32, mode: PinMode, pull: PinPull) -> Result<(), String>;
    /// Drive a pin high or low (`Err` as for `pin_init`).
    fn pin_write(&self, pin: u32, high: bool) -> Result<(), String>;
    /// The level at a pin (`Err` as for `pin_init`).
    fn pin_read(&self, pin: u32) -> Result<bool, String>;
    /// The CPU clock in Hz.
    fn freq(&self) -> u32;
    /// Reset the chip (as the reset button does). Does not return.
    fn reset(&self) -> !;
    /// Bytes that identify this chip (the MAC address on ESP chips).
    fn unique_id(&self) -> Vec<u8> {
        Vec::new()
    }
}

/// The platform as seen by the VM.
///
/// Methods that may block (`sleep_us`, `read_line`, file I/O) are called by the VM with the
/// GIL released, so other Python threads run meanwhile.
pub trait Port: Sync {
    /// Write console output. Called with the GIL held; should not block for long.
    fn write(&self, stream: Stream, data: &[u8]);
    /// Console output of Python thread `ident` (`_thread.get_ident()`; 1: main), for ports
    /// that label output by thread (the page; green threads share one host thread, so the
    /// port can't tell them apart by itself). Defaults to `write`.
    fn write_thread(&self, _ident: u64, stream: Stream, data: &[u8]) {
        self.write(stream, data)
    }
    /// Flush console output (at exit, before `input()`, on `sys.stdout.flush()`).
    fn flush(&self) {}
    /// Read one line for `input()` (without the trailing newline). `None` at end of input.
    fn read_line(&self, prompt: &str) -> Option<String>;

    /// A monotonic clock in microseconds (any epoch).
    fn ticks_us(&self) -> u64;
    /// Wall-clock time in nanoseconds since the Unix epoch (or since boot where there is no
    /// real-time clock).
    fn time_ns(&self) -> u64;
    /// Sleep. Returns early (the VM checks) when an interrupt arrives.
    fn sleep_us(&self, us: u64);

    /// Has an interrupt (Ctrl-C, the page's Stop button) arrived since the last call?
    /// Polled by the VM every few thousand instructions; clears the flag.
    fn take_interrupt(&self) -> bool;

    /// Has the program been killed (the page's Stop, a second Ctrl-C, a fuzzing budget)?
    /// Unlike an interrupt, a kill can't be caught: every `except`/`finally` is skipped and
    /// the program ends with `KeyboardInterrupt`.
    fn kill_requested(&self) -> bool {
        false
    }

    /// Fill `buf` with random bytes (`os.urandom`, and the seed of `random`).
    fn urandom(&self, buf: &mut [u8]);

    /// The file system, if the platform has one.
    fn fs(&self) -> Option<&dyn FileSystem> {
        None
    }

    /// Bytes of heap in use, when the platform can tell (for `gc.mem_alloc()`,
    /// `micropython.mem_info()` and the heap limit).
    fn heap_used(&self) -> Option<usize> {
        None
    }

    /// The allocator's "out of heap, serving from the emergency reserve" flag, if it has
    /// one. A board has: Rust's allocation failure would stop its firmware, so when the
    /// heap cannot serve an allocation its allocator takes it from a small reserve and sets
    /// this flag. The VM reads the flag (one load) at every loop tick, new instance and function
    /// definition, and while it is set asks `memory_low`.
    fn memory_low_flag(&self) -> Option<&'static AtomicBool> {
        None
    }

    /// With the flag set: is the heap still short, and how many bytes of the reserve are
    /// in use? When it has recovered (the reserve mostly given back, and a block of a few KB
    /// free in the heap again), the port clears its flag and answers `None`. While it is
    /// short, each thread that runs Python code gets a `MemoryError`, and another each time
    /// it has used 1 KB more of the reserve since (`vm::QUIET_BYTES`), so programs unwind
    /// and free memory while the reserve lasts; threads that wait get none.
    fn memory_low(&self) -> Option<usize> {
        None
    }

    /// Could the heap hand out `bytes` in one block right now? A small heap fragments: the
    /// total free can be ample while no single block is big enough, and a failed Rust
    /// allocation stops a board's firmware. Asked before big allocations (`check_alloc`).
    fn heap_has_room(&self, bytes: usize) -> bool {
        let _ = bytes;
        true
    }

    /// The microcontroller's pins, clock and reset (`machine`), if the platform is one.
    fn machine(&self) -> Option<&dyn Machine> {
        None
    }

    /// Host threads and the GIL, if the platform has them.
    fn threads(&self) -> Option<&dyn ThreadPort> {
        None
    }

    /// The sink of scheduling events, called only when the interpreter was created with
    /// `Config::trace`. May be called from any host thread, with or without the GIL.
    fn trace(&self, _event: &crate::trace::Event) {}

    /// A Python thread got a name (`threading.Thread(name=...)`), for labelling its output
    /// and events. Called under the GIL.
    fn thread_named(&self, _ident: u64, _name: &str) {}
}
