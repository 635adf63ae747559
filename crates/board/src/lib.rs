//! Weft's firmware core: platform free, `no_std` + alloc.
//!
//! A board gives a [`Hal`] (console UART, microsecond clock, low-power wait, reset, heap
//! figures, optional hardware random numbers) and calls [`run`]. The core does the rest:
//! - the VM (`weft-vm`) on the **green thread backend**: there are no host threads on a
//!   board; the VM schedules Python threads itself at bytecode boundaries and blocking calls;
//! - the device side of MicroPython's raw-REPL protocol (`weft_bridge::device::Device`) on
//!   the UART: friendly REPL, raw REPL, raw-paste with flow control ([`WINDOW`]), Ctrl-C,
//!   Ctrl-D soft reset, and the fence for idle-time thread output (as `weft board` does);
//! - the UART is polled whenever the VM checks for signals (every few thousand bytecodes,
//!   at every scheduling decision, while sleeping or waiting for `input()`), so Ctrl-C is
//!   seen while any thread runs;
//! - threads left running after a script (daemons) keep running while the REPL is idle;
//! - an in-RAM file system (`weft fs`, `weft push`), `time` from the Hal clock, `os.urandom`
//!   from a SHA-256 DRBG over the Hal's entropy and the timing of received bytes.
//!
//! One thread of execution: the main loop, the VM and every Python thread run on the one
//! host stack; interrupt handlers (if a board has any) must not touch the core.

#![no_std]

extern crate alloc;

mod port;

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec;

use weft_bridge::device::Event;
use weft_vm::{Config, Interp, ReplOutcome};

pub use port::BoardPort;

/// Raw-paste window (bytes the host may send per credit; two windows at first). The device
/// buffers the whole program in the heap anyway; the window bounds what sits unread in the
/// UART path while the VM is busy, and 256 keeps a 115 200-baud line busy while a credit
/// byte makes its round trip. (MicroPython uses 128 with its 256-byte receive buffer.)
pub const WINDOW: u16 = 256;

/// What a board must give the firmware core. Keep it small: everything else (REPL,
/// protocol, threads, files) is built on these.
///
/// All methods are called from the core's single thread of execution.
pub trait Hal: 'static {
    /// Copy bytes received on the console into `buf` without waiting; how many (0: none).
    fn read(&self, buf: &mut [u8]) -> usize;
    /// Send bytes on the console; may wait until the UART has taken them all.
    fn write(&self, data: &[u8]);
    /// A monotonic clock in microseconds since boot.
    fn ticks_us(&self) -> u64;
    /// Wait until `deadline_us` (on the `ticks_us` clock) or until a byte may have arrived,
    /// whichever is first; may return early (the core polls and calls again). A board with
    /// interrupts sleeps here (`wfi`); the default spins.
    fn wait(&self, deadline_us: u64) {
        let _ = deadline_us;
    }
    /// Restart the chip (`machine.reset()`).
    fn reset(&self) -> !;
    /// Heap figures in bytes: (in use, total). The total is the heap limit the VM enforces
    /// (`MemoryError`) and the base of `gc.mem_free()`.
    fn heap(&self) -> (usize, usize);
    /// True once after the allocator ran out and fell back on its emergency reserve (see
    /// `weft_vm::port::Port::take_memory_exhausted`); the default: never.
    fn take_memory_exhausted(&self) -> bool {
        false
    }
    /// Could the heap hand out `bytes` in one block now (see
    /// `weft_vm::port::Port::heap_has_room`)? The default: yes.
    fn heap_has_room(&self, bytes: usize) -> bool {
        let _ = bytes;
        true
    }
    /// Fill `buf` from a hardware random number generator; false if the board has none
    /// (the core then relies on clock jitter alone).
    fn random(&self, buf: &mut [u8]) -> bool {
        let _ = buf;
        false
    }
    /// The chip's pins, clock and reset for the `machine` module (`machine.Pin`...); `None`
    /// (the default): `machine` without `Pin`, as on a host.
    fn machine(&self) -> Option<&dyn weft_vm::port::Machine> {
        None
    }
}

/// Fixed facts about a board.
#[derive(Clone, Debug)]
pub struct BoardInfo {
    /// shown in the banner: "QEMU virt (riscv32imc)", "ESP32-C3"...
    pub name: &'static str,
    /// `sys.platform`
    pub platform: &'static str,
}

/// Start the firmware: greet, then serve the console forever (soft resets make a new
/// interpreter; `Hal::reset` is the only way out).
pub fn run<H: Hal>(hal: &'static H, info: BoardInfo) -> ! {
    let port: &'static BoardPort<H> = Box::leak(Box::new(BoardPort::new(hal)));
    let mut interp = new_interp(port, &info);
    let (used, total) = hal.heap();
    let banner = format!(
        "Weft {} (MicroPython-compatible) on {}; Ctrl-A raw REPL, Ctrl-B friendly REPL, Ctrl-C \
         interrupt, Ctrl-D soft reset\n{} KB of {} KB heap free after boot\n",
        env!("CARGO_PKG_VERSION"),
        info.name,
        total.saturating_sub(used) / 1024,
        total / 1024
    );
    port.start(&banner);
    let mut repl = Repl::default();
    loop {
        port.poll();
        match port.next_event() {
            Some(ev) => {
                if handle(port, &mut interp, &mut repl, ev) {
                    // soft reset: the old interpreter's threads end and its heap is freed
                    // before the new one allocates (a board's heap is small)
                    stop_threads(port, &mut interp);
                    drop(interp);
                    interp = new_interp(port, &info);
                    port.with_dev(|d| d.soft_reset_done());
                }
            }
            None => {
                // idle: threads left over from earlier programs run; else sleep until a
                // byte may have come
                let busy = interp.threads_alive() > 0 && interp.run_background(IDLE_SLICE_US);
                if !busy {
                    hal.wait(hal.ticks_us() + IDLE_WAIT_US);
                }
            }
        }
    }
}

/// While the REPL is idle, background threads run this long between polls of the UART.
const IDLE_SLICE_US: u64 = 20_000;
/// Longest low-power wait while idle with nothing to run.
const IDLE_WAIT_US: u64 = 10_000;
/// How long a soft reset or an interrupt lets the old program's threads unwind.
const UNWIND_LIMIT_US: u64 = 2_000_000;

/// The friendly REPL's multi-line block being collected.
#[derive(Default)]
struct Repl {
    block: String,
    first: String,
}

fn new_interp<H: Hal>(port: &'static BoardPort<H>, info: &BoardInfo) -> Interp {
    let config = Config {
        platform: String::from(info.platform),
        argv: vec![String::new()],
        path: vec![String::new(), String::from("/lib")],
        heap_limit: port.hal.heap().1,
        ..Config::default()
    };
    Interp::new(port, config)
}

/// Act on one event of the device; true: a soft reset is due.
fn handle<H: Hal>(
    port: &'static BoardPort<H>,
    interp: &mut Interp,
    repl: &mut Repl,
    ev: Event,
) -> bool {
    match ev {
        Event::Exec(code) => {
            let src = String::from_utf8_lossy(&code);
            port.begin_run();
            let status = interp.run_main(&src, "<stdin>");
            end_run(port, interp);
            port.with_dev(|d| d.exec_finished(status));
        }
        Event::Paste(code) => {
            port.begin_run();
            interp.run_main(&code, "<stdin>");
            end_run(port, interp);
            port.with_dev(|d| d.prompt(false));
        }
        Event::Line(line) => {
            if repl.block.is_empty() {
                if line.trim().is_empty() {
                    port.no_run();
                    port.with_dev(|d| d.prompt(false));
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
                port.no_run();
                port.with_dev(|d| d.prompt(true));
                return false;
            }
            let src = core::mem::take(&mut repl.block);
            port.begin_run();
            let outcome = interp.repl_exec(&src);
            end_run(port, interp);
            if let ReplOutcome::Exit(_) = outcome {
                // sys.exit() at the friendly REPL: a soft reset, as MicroPython
                return true;
            }
            port.with_dev(|d| d.prompt(false));
        }
        Event::Cancel => {
            port.no_run();
            repl.block.clear();
        }
        Event::SoftReset => {
            port.no_run();
            repl.block.clear();
            return true;
        }
        // Ctrl-C is acted on where it is read (BoardPort::poll)
        Event::Interrupt => {}
    }
    false
}

/// After a run: if it was interrupted (Ctrl-C), its threads end too.
fn end_run<H: Hal>(port: &'static BoardPort<H>, interp: &mut Interp) {
    if port.run_interrupted() {
        stop_threads(port, interp);
    }
    port.end_run();
}

/// End every Python thread but the main one: they unwind past every `except`/`finally`
/// (a kill) within `UNWIND_LIMIT_US`; any left then are dropped with the interpreter or at
/// the next soft reset.
fn stop_threads<H: Hal>(port: &'static BoardPort<H>, interp: &mut Interp) {
    port.set_kill(true);
    let t0 = port.hal.ticks_us();
    while interp.threads_alive() > 0 && port.hal.ticks_us() - t0 < UNWIND_LIMIT_US {
        if !interp.run_background(IDLE_SLICE_US) {
            break;
        }
    }
    port.set_kill(false);
}
