//! One board loop for every board: the firmware (green threads, a polled UART) and
//! `weft board` (host threads, a reader thread) both serve their line with [`serve`] over a
//! [`Console`], the VM's port, and differ only in their [`Platform`].
//!
//! The loop runs friendly-REPL lines and blocks, paste-mode blocks and raw-REPL code in the
//! persistent `__main__`, soft-resets (every thread of the old interpreter ends, then a new
//! one starts), and between commands lets the threads left running by earlier programs run.
//!
//! **Ctrl-C.** The device turns a Ctrl-C that arrives while it is busy (from the end of a
//! command on) into [`Event::Interrupt`], acted on at once ([`Signals`]): during a run, the
//! first raises `KeyboardInterrupt` in the main thread, a second one while the first is
//! pending, or within [`KILL_WINDOW_US`] of it, kills the program (no `except` or `finally`
//! runs). One that arrives after a command was received but before its run began belongs to
//! that run, or to nothing when the command runs no code: a host's `\r` Ctrl-C Ctrl-C at an
//! idle prompt must not kill the threads left running in the background. A run that was
//! interrupted ends its threads too.

use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use core::cell::RefCell;
use core::sync::atomic::AtomicBool;

use weft_bridge::device::{Device, Event};
use weft_vm::port::{FileSystem, Machine, Port, Stream, ThreadPort};
use weft_vm::{Config, Interp, ReplOutcome};

/// A second Ctrl-C within this time of the first kills the program: a program that
/// swallows `KeyboardInterrupt`, or a host's Ctrl-C Ctrl-C.
pub const KILL_WINDOW_US: u64 = 1_000_000;
/// While the REPL is idle, background threads run this long between looks at the line.
const IDLE_SLICE_US: u64 = 20_000;
/// Longest wait while idle with nothing to run.
const IDLE_WAIT_US: u64 = 10_000;
/// How long a soft reset or an interrupt lets the old program's threads unwind.
const UNWIND_LIMIT_US: u64 = 2_000_000;

/// A lock around the console's state: a mutex where host threads share the console, a
/// plain cell on a board's single thread of execution.
pub trait Lock<T>: Sync {
    fn new(value: T) -> Self;
    fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R;
}

/// What differs between boards. Called from the loop's thread and from Python threads.
pub trait Platform: Sync + Sized + 'static {
    type Lock<T: Send>: Lock<T>;

    /// Copy bytes received on the line into `buf` without waiting; how many (0: none). A
    /// platform whose own reader thread calls [`Console::feed`] returns 0.
    fn read(&self, buf: &mut [u8]) -> usize;
    /// Send bytes on the line (called under the console's lock: messages never interleave).
    fn write(&self, data: &[u8]);
    /// A monotonic clock in microseconds.
    fn ticks_us(&self) -> u64;
    /// Wait until `deadline_us` or until input may have come, whichever is first; may
    /// return early (callers look again).
    fn wait(&self, deadline_us: u64);
    /// The line is gone for good: the loop ends once the events received are done.
    fn closed(&self) -> bool {
        false
    }
    /// The configuration of each new interpreter.
    fn config(&self) -> Config;
    /// Python threads alive besides the main one.
    fn threads_alive(&self, interp: &Interp) -> usize;
    /// Let the other Python threads run for about `us` while the main thread is idle
    /// (green threads run here; host threads run anyway and this waits); false: none can.
    fn run_threads(&self, interp: &mut Interp, us: u64) -> bool;

    // The rest of the VM's port (see `weft_vm::port::Port`).
    fn time_ns(&self) -> u64;
    fn urandom(&self, buf: &mut [u8]);
    fn fs(&self) -> Option<&dyn FileSystem>;
    fn heap_used(&self) -> Option<usize> {
        None
    }
    fn memory_low_flag(&self) -> Option<&'static AtomicBool> {
        None
    }
    fn memory_low(&self) -> Option<usize> {
        None
    }
    fn heap_has_room(&self, bytes: usize) -> bool {
        let _ = bytes;
        true
    }
    fn machine(&self) -> Option<&dyn Machine> {
        None
    }
    fn threads(&self) -> Option<&dyn ThreadPort> {
        None
    }
}

/// Where Ctrl-C stands (see the module's notes).
#[derive(Default)]
pub struct Signals {
    /// `KeyboardInterrupt` is due in the main thread
    interrupt: bool,
    /// every thread is to end
    kill: bool,
    /// a run is in progress (Ctrl-C goes to it)
    in_run: bool,
    /// the clock at the last Ctrl-C of this run
    last_interrupt: Option<u64>,
    /// Ctrl-Cs received after a command but before its run began
    early: u8,
}

impl Signals {
    fn ctrl_c(&mut self, now: u64) {
        if !self.in_run {
            self.early = self.early.saturating_add(1);
            return;
        }
        let recent = self
            .last_interrupt
            .is_some_and(|t| now.saturating_sub(t) < KILL_WINDOW_US);
        if core::mem::replace(&mut self.interrupt, true) || recent {
            self.kill = true;
        }
        self.last_interrupt = Some(now);
    }

    /// A run starts: no interrupt of an earlier one is pending; Ctrl-Cs typed after its
    /// command act now (one: interrupt, two: kill).
    fn begin_run(&mut self, now: u64) {
        let early = core::mem::take(&mut self.early);
        self.interrupt = early >= 1;
        self.kill = early >= 2;
        self.last_interrupt = (early >= 1).then_some(now);
        self.in_run = true;
    }

    /// The command is done (or ran no code): Ctrl-Cs typed since meant nothing more.
    fn end_run(&mut self) {
        *self = Signals::default();
    }
}

/// The line's state: the protocol device and its events for the loop.
struct Line {
    dev: Device,
    events: VecDeque<Event>,
}

/// The console of a board, and the VM's port there: the device of the raw-REPL protocol on
/// the platform's line, Ctrl-C, and the platform's services.
pub struct Console<P: Platform> {
    pub platform: P,
    line: P::Lock<Line>,
    signals: P::Lock<Signals>,
}

impl<P: Platform> Console<P> {
    /// `window`: the raw-paste flow-control window (see `weft_bridge::device::Device::new`).
    pub fn new(platform: P, window: u16) -> Console<P> {
        Console {
            platform,
            line: Lock::new(Line {
                dev: Device::new("", window),
                events: VecDeque::new(),
            }),
            signals: Lock::new(Signals::default()),
        }
    }

    /// Work on the device, take its events (Ctrl-C acts at once, the rest waits for the
    /// loop) and send its output. Under the line's lock, so events stay in byte order
    /// whoever produced them and output from several threads never interleaves.
    pub fn with_dev<R>(&self, f: impl FnOnce(&mut Device) -> R) -> R {
        self.line.with(|line| {
            let r = f(&mut line.dev);
            while let Some(ev) = line.dev.next_event() {
                if ev == Event::Interrupt {
                    let now = self.platform.ticks_us();
                    self.signals.with(|s| s.ctrl_c(now));
                } else {
                    line.events.push_back(ev);
                }
            }
            let out = line.dev.take_output();
            if !out.is_empty() {
                self.platform.write(&out);
            }
            r
        })
    }

    /// Bytes received on the line.
    pub fn feed(&self, bytes: &[u8]) {
        self.with_dev(|d| d.feed(bytes));
    }

    /// Take in what the platform's line has.
    fn poll(&self) {
        let mut buf = [0u8; 64];
        loop {
            let n = self.platform.read(&mut buf);
            if n == 0 {
                break;
            }
            self.feed(&buf[..n]);
        }
    }

    /// Greet: the friendly REPL's banner and first prompt.
    pub fn start(&self, banner: &str) {
        self.with_dev(|d| {
            d.set_banner(banner);
            d.start()
        });
    }

    /// A new interpreter on this console.
    pub fn new_interp(&'static self) -> Interp {
        Interp::new(self, self.platform.config())
    }

    fn next_event(&self) -> Option<Event> {
        self.line.with(|line| line.events.pop_front())
    }

    /// End a command: Ctrl-C stops meaning anything for it, then `f` tells the device (in
    /// one step, so a Ctrl-C is either before both or after both).
    fn finish(&self, f: impl FnOnce(&mut Device)) {
        self.with_dev(|d| {
            self.signals.with(Signals::end_run);
            f(d)
        })
    }

    fn begin_run(&self) {
        let now = self.platform.ticks_us();
        self.signals.with(|s| s.begin_run(now));
        // the last program's running out is not this one's MemoryError: its teardown gave
        // the heap back, which this clears the allocator's flag on
        self.platform.memory_low();
    }

    fn set_kill(&self, on: bool) {
        self.signals.with(|s| s.kill = on);
    }

    fn stopping(&self) -> bool {
        self.signals.with(|s| s.interrupt || s.kill)
    }
}

impl<P: Platform> Port for Console<P> {
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
            self.poll();
            if let Some(l) = self.with_dev(|d| d.take_input_line()) {
                return Some(l);
            }
            if self.stopping() {
                return None;
            }
            self.platform.wait(self.platform.ticks_us() + IDLE_WAIT_US);
        }
    }

    fn ticks_us(&self) -> u64 {
        self.platform.ticks_us()
    }

    fn time_ns(&self) -> u64 {
        self.platform.time_ns()
    }

    fn sleep_us(&self, us: u64) {
        let deadline = self.platform.ticks_us().saturating_add(us);
        loop {
            self.poll();
            if self.stopping() {
                return;
            }
            let now = self.platform.ticks_us();
            if now >= deadline {
                return;
            }
            self.platform.wait(deadline.min(now + IDLE_WAIT_US));
        }
    }

    fn take_interrupt(&self) -> bool {
        self.poll();
        self.signals
            .with(|s| core::mem::replace(&mut s.interrupt, false))
    }

    fn kill_requested(&self) -> bool {
        self.poll();
        self.signals.with(|s| s.kill)
    }

    fn urandom(&self, buf: &mut [u8]) {
        self.platform.urandom(buf)
    }
    fn fs(&self) -> Option<&dyn FileSystem> {
        self.platform.fs()
    }
    fn heap_used(&self) -> Option<usize> {
        self.platform.heap_used()
    }
    fn memory_low_flag(&self) -> Option<&'static AtomicBool> {
        self.platform.memory_low_flag()
    }
    fn memory_low(&self) -> Option<usize> {
        self.platform.memory_low()
    }
    fn heap_has_room(&self, bytes: usize) -> bool {
        self.platform.heap_has_room(bytes)
    }
    fn machine(&self) -> Option<&dyn Machine> {
        self.platform.machine()
    }
    fn threads(&self) -> Option<&dyn ThreadPort> {
        self.platform.threads()
    }
}

/// The friendly REPL's multi-line block being collected.
#[derive(Default)]
struct Repl {
    block: String,
    first: String,
}

/// Serve the console with `interp` (made by [`Console::new_interp`]) until the platform's
/// line closes (on a board: never). Greet with [`Console::start`] first.
pub fn serve<P: Platform>(console: &'static Console<P>, mut interp: Interp) {
    let p = &console.platform;
    let mut repl = Repl::default();
    loop {
        console.poll();
        match console.next_event() {
            Some(ev) => {
                if handle(console, &mut interp, &mut repl, ev) {
                    interp = soft_reset(console, interp);
                    console.finish(|d| d.soft_reset_done());
                }
            }
            None if p.closed() => break,
            None => {
                // idle: threads left over from earlier programs run; else wait until input
                // may have come
                let busy =
                    p.threads_alive(&interp) > 0 && p.run_threads(&mut interp, IDLE_SLICE_US);
                if !busy {
                    p.wait(p.ticks_us() + IDLE_WAIT_US);
                }
            }
        }
    }
    // the line closed: end every thread
    stop_threads(console, &mut interp);
}

/// Act on one event of the device; true: a soft reset is due.
fn handle<P: Platform>(
    console: &'static Console<P>,
    interp: &mut Interp,
    repl: &mut Repl,
    ev: Event,
) -> bool {
    match ev {
        Event::Exec(code) => {
            let src = String::from_utf8_lossy(&code);
            console.begin_run();
            let status = interp.run_main(&src, "<stdin>");
            end_run(console, interp);
            console.finish(|d| d.exec_finished(status));
        }
        Event::Paste(code) => {
            console.begin_run();
            interp.run_main(&code, "<stdin>");
            end_run(console, interp);
            console.finish(|d| d.prompt(false));
        }
        Event::Line(line) => {
            if repl.block.is_empty() {
                if line.trim().is_empty() {
                    console.finish(|d| d.prompt(false));
                    return false;
                }
                repl.first = line.clone();
            } else {
                repl.block.push('\n');
            }
            repl.block.push_str(&line);
            let is_block = weft_vm::repl_lines::starts_block(&repl.first);
            let blank = line.trim().is_empty();
            let complete = weft_vm::input_is_complete(&repl.block) && (!is_block || blank);
            if !(complete || is_block && blank) {
                console.finish(|d| d.prompt(true));
                return false;
            }
            let src = core::mem::take(&mut repl.block);
            console.begin_run();
            let outcome = interp.repl_exec(&src);
            end_run(console, interp);
            if let ReplOutcome::Exit(_) = outcome {
                // sys.exit() at the friendly REPL: a soft reset, as MicroPython
                return true;
            }
            console.finish(|d| d.prompt(false));
        }
        // Ctrl-C at the friendly prompt (not busy): nothing was running
        Event::Cancel => repl.block.clear(),
        Event::SoftReset => {
            repl.block.clear();
            return true;
        }
        // Ctrl-C is acted on where it is read (Console::with_dev)
        Event::Interrupt => {}
    }
    false
}

/// After a run: if it was interrupted (Ctrl-C), its threads end too.
fn end_run<P: Platform>(console: &'static Console<P>, interp: &mut Interp) {
    if console.signals.with(|s| s.last_interrupt.is_some()) {
        stop_threads(console, interp);
    }
}

/// End every Python thread but the main one: they unwind past every `except`/`finally`
/// (a kill) within `UNWIND_LIMIT_US`. How many are left.
fn stop_threads<P: Platform>(console: &'static Console<P>, interp: &mut Interp) -> usize {
    let p = &console.platform;
    console.set_kill(true);
    let t0 = p.ticks_us();
    while p.threads_alive(interp) > 0 && p.ticks_us().saturating_sub(t0) < UNWIND_LIMIT_US {
        if !p.run_threads(interp, IDLE_SLICE_US) {
            break;
        }
    }
    console.set_kill(false);
    p.threads_alive(interp)
}

/// End every thread of `old`, free it (a board's heap is small), start a new interpreter.
fn soft_reset<P: Platform>(console: &'static Console<P>, mut old: Interp) -> Interp {
    let left = stop_threads(console, &mut old);
    drop(old);
    if left > 0 {
        console.write(
            Stream::Stderr,
            format!("{left} thread(s) of the old program did not stop\n").as_bytes(),
        );
    }
    console.new_interp()
}

/// The lock of a board with one thread of execution (the loop, the VM and every green
/// thread on one stack; interrupt handlers never touch the console).
pub(crate) struct OneThread<T>(RefCell<T>);

// SAFETY: `Platform` requires `Sync` because host-thread platforms share the console
// between threads. `OneThread` is only used by the firmware's platform (crate-private),
// whose console is touched by one thread of execution only.
unsafe impl<T> Sync for OneThread<T> {}

impl<T> Lock<T> for OneThread<T> {
    fn new(value: T) -> Self {
        OneThread(RefCell::new(value))
    }
    fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.0.borrow_mut())
    }
}

#[cfg(test)]
mod tests {
    use super::Signals;

    #[test]
    fn ctrl_c_before_a_run_belongs_to_it_or_to_nothing() {
        // "\r" then Ctrl-C Ctrl-C: the empty line runs nothing, so nothing is left set
        let mut s = Signals::default();
        s.ctrl_c(10);
        s.ctrl_c(20);
        s.end_run();
        assert!(!s.interrupt && !s.kill);
        s.begin_run(30);
        assert!(!s.interrupt && !s.kill && s.last_interrupt.is_none());
        // one Ctrl-C typed right after a command: an interrupt of its run
        let mut s = Signals::default();
        s.ctrl_c(10);
        s.begin_run(20);
        assert!(s.interrupt && !s.kill && s.last_interrupt == Some(20));
        // two: a kill
        let mut s = Signals::default();
        s.ctrl_c(10);
        s.ctrl_c(11);
        s.begin_run(20);
        assert!(s.interrupt && s.kill);
    }

    #[test]
    fn a_second_ctrl_c_within_the_window_kills() {
        let mut s = Signals::default();
        s.begin_run(0);
        s.ctrl_c(100);
        assert!(s.interrupt && !s.kill);
        s.interrupt = false; // the main thread took it
        s.ctrl_c(100 + super::KILL_WINDOW_US - 1);
        assert!(s.kill);
        let mut s = Signals::default();
        s.begin_run(0);
        s.ctrl_c(100);
        s.interrupt = false;
        s.ctrl_c(100 + super::KILL_WINDOW_US);
        assert!(
            s.interrupt && !s.kill,
            "a Ctrl-C long after the first only interrupts"
        );
    }
}
