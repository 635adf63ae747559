//! The VM's port on a board: console through the raw-REPL device on the Hal's UART, the
//! Hal's clock, Ctrl-C from polling the UART, an in-RAM file system, random bytes from a
//! hash DRBG. No `ThreadPort`: the VM runs Python threads as green threads.

use alloc::boxed::Box;
use alloc::collections::VecDeque;
use alloc::string::String;
use core::cell::{Cell, RefCell};

use sha2::{Digest, Sha256};
use weft_bridge::device::{Device, Event};
use weft_vm::memfs::{Local, MemFs};
use weft_vm::port::{FileSystem, Port, Stream};

use crate::{Hal, WINDOW};

/// A second Ctrl-C within this time of the first kills the program (no `except` or
/// `finally` runs): a program that swallows `KeyboardInterrupt`, or a host's Ctrl-C Ctrl-C.
const KILL_WINDOW_US: u64 = 1_000_000;

pub struct BoardPort<H: Hal> {
    pub(crate) hal: &'static H,
    /// `None` until `start` (the banner is known once the heap is measured)
    dev: RefCell<Option<Device>>,
    /// events of the device for the main loop (everything but Ctrl-C, acted on at once)
    events: RefCell<VecDeque<Event>>,
    interrupt: Cell<bool>,
    kill: Cell<bool>,
    /// a run is in progress (Ctrl-C goes to it)
    in_run: Cell<bool>,
    /// the clock at the last Ctrl-C of this run
    last_interrupt: Cell<Option<u64>>,
    /// Ctrl-Cs that arrived after a command was received but before its run began (the
    /// device is busy from the end of a line on): they belong to that run, or to nothing
    /// when the command runs no code (a host's `\r` Ctrl-C Ctrl-C on an empty line must not
    /// kill the threads left running in the background)
    early_interrupts: Cell<u8>,
    rng: RefCell<Drbg>,
    fs: MemFs<Local>,
}

// SAFETY: `Port` must be `Sync` because host-thread ports share it between threads. A
// board has one thread of execution (no `ThreadPort`: Python threads are green threads of
// the VM), and interrupt handlers never touch the core, so the cells are never shared.
unsafe impl<H: Hal> Sync for BoardPort<H> {}

impl<H: Hal> BoardPort<H> {
    pub fn new(hal: &'static H) -> BoardPort<H> {
        let mut seed = [0u8; 32];
        let hw = hal.random(&mut seed);
        let mut rng = Drbg::new(&seed);
        rng.mix(&hal.ticks_us().to_le_bytes());
        rng.mix(&[hw as u8]);
        // no real-time clock: modification times count from boot
        let clock: Box<dyn Fn() -> i64> = Box::new(move || (hal.ticks_us() / 1_000_000) as i64);
        BoardPort {
            hal,
            dev: RefCell::new(None),
            events: RefCell::new(VecDeque::new()),
            interrupt: Cell::new(false),
            kill: Cell::new(false),
            in_run: Cell::new(false),
            last_interrupt: Cell::new(None),
            early_interrupts: Cell::new(0),
            rng: RefCell::new(rng),
            fs: MemFs::new(clock),
        }
    }

    /// Make the device and greet (the banner, then the first prompt).
    pub fn start(&self, banner: &str) {
        *self.dev.borrow_mut() = Some(Device::new(banner, WINDOW));
        self.with_dev(|d| d.start());
    }

    /// Work on the device, hand its events on and send its output.
    pub fn with_dev<R>(&self, f: impl FnOnce(&mut Device) -> R) -> R {
        let (r, out) = {
            let mut guard = self.dev.borrow_mut();
            let dev = guard.as_mut().expect("BoardPort::start is called first");
            let r = f(dev);
            while let Some(ev) = dev.next_event() {
                self.dispatch(ev);
            }
            (r, dev.take_output())
        };
        if !out.is_empty() {
            self.hal.write(&out);
        }
        r
    }

    /// Ctrl-C acts at once; everything else goes to the main loop.
    fn dispatch(&self, ev: Event) {
        if ev == Event::Interrupt {
            if !self.in_run.get() {
                self.early_interrupts
                    .set(self.early_interrupts.get().saturating_add(1));
                return;
            }
            let now = self.hal.ticks_us();
            let recent = self
                .last_interrupt
                .get()
                .is_some_and(|t| now.saturating_sub(t) < KILL_WINDOW_US);
            if self.interrupt.replace(true) || recent {
                self.kill.set(true);
            }
            self.last_interrupt.set(Some(now));
            return;
        }
        self.events.borrow_mut().push_back(ev);
    }

    /// Read what the UART has and feed it to the device.
    pub fn poll(&self) {
        let mut buf = [0u8; 64];
        loop {
            let n = self.hal.read(&mut buf);
            if n == 0 {
                break;
            }
            // when bytes arrive is the entropy a board without a generator has
            self.rng
                .borrow_mut()
                .mix(&self.hal.ticks_us().to_le_bytes());
            self.with_dev(|d| d.feed(&buf[..n]));
        }
    }

    pub fn next_event(&self) -> Option<Event> {
        self.events.borrow_mut().pop_front()
    }

    /// A run starts: no interrupt of an earlier one is pending; Ctrl-Cs typed after its
    /// command act now (one: interrupt, two: kill).
    pub fn begin_run(&self) {
        let early = self.early_interrupts.replace(0);
        self.interrupt.set(early >= 1);
        self.kill.set(early >= 2);
        self.last_interrupt
            .set((early >= 1).then(|| self.hal.ticks_us()));
        self.in_run.set(true);
        // the last program's running out (or its teardown's) is not this one's MemoryError
        self.hal.take_memory_exhausted();
    }

    /// The command just handled ran no code: Ctrl-Cs typed after it meant nothing.
    pub fn no_run(&self) {
        self.early_interrupts.set(0);
    }

    pub fn end_run(&self) {
        self.in_run.set(false);
        self.interrupt.set(false);
        self.kill.set(false);
        self.last_interrupt.set(None);
    }

    /// Did a Ctrl-C arrive during this run?
    pub fn run_interrupted(&self) -> bool {
        self.last_interrupt.get().is_some()
    }

    pub fn set_kill(&self, on: bool) {
        self.kill.set(on);
    }

    fn stopping(&self) -> bool {
        self.interrupt.get() || self.kill.get()
    }
}

impl<H: Hal> Port for BoardPort<H> {
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
            self.hal.wait(self.hal.ticks_us() + 10_000);
        }
    }

    fn ticks_us(&self) -> u64 {
        self.hal.ticks_us()
    }

    fn time_ns(&self) -> u64 {
        // no real-time clock: time since boot
        self.hal.ticks_us().saturating_mul(1000)
    }

    fn sleep_us(&self, us: u64) {
        let deadline = self.hal.ticks_us().saturating_add(us);
        loop {
            self.poll();
            if self.stopping() {
                return;
            }
            let now = self.hal.ticks_us();
            if now >= deadline {
                return;
            }
            self.hal.wait(deadline.min(now + 10_000));
        }
    }

    fn take_interrupt(&self) -> bool {
        self.poll();
        self.interrupt.replace(false)
    }

    fn kill_requested(&self) -> bool {
        self.poll();
        self.kill.get()
    }

    fn urandom(&self, buf: &mut [u8]) {
        let mut rng = self.rng.borrow_mut();
        rng.mix(&self.hal.ticks_us().to_le_bytes());
        rng.fill(buf);
    }

    fn fs(&self) -> Option<&dyn FileSystem> {
        Some(&self.fs)
    }

    fn machine(&self) -> Option<&dyn weft_vm::port::Machine> {
        self.hal.machine()
    }
    fn heap_used(&self) -> Option<usize> {
        Some(self.hal.heap().0)
    }
    fn take_memory_exhausted(&self) -> bool {
        self.hal.take_memory_exhausted()
    }
    fn heap_has_room(&self, bytes: usize) -> bool {
        self.hal.heap_has_room(bytes)
    }
}

/// A hash DRBG (in the spirit of NIST SP 800-90A's Hash_DRBG, without its reseed counter
/// bookkeeping): the state is a SHA-256 digest; entropy is hashed into it; output blocks are
/// SHA-256(state ‖ counter) and the state moves on after every request, so earlier output
/// can't be recomputed from a later state.
pub struct Drbg {
    state: [u8; 32],
    counter: u64,
}

impl Drbg {
    pub fn new(seed: &[u8]) -> Drbg {
        let mut d = Drbg {
            state: [0; 32],
            counter: 0,
        };
        d.mix(seed);
        d
    }

    pub fn mix(&mut self, entropy: &[u8]) {
        let mut h = Sha256::new();
        h.update(b"mix");
        h.update(self.state);
        h.update(entropy);
        self.state.copy_from_slice(&h.finalize());
    }

    pub fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(32) {
            self.counter += 1;
            let mut h = Sha256::new();
            h.update(b"out");
            h.update(self.state);
            h.update(self.counter.to_le_bytes());
            let block = h.finalize();
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
        let mut h = Sha256::new();
        h.update(b"next");
        h.update(self.state);
        self.state.copy_from_slice(&h.finalize());
    }
}
