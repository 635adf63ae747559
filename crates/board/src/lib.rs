//! Weft's firmware core: platform free, `no_std` + alloc.
//!
//! A board gives a [`Hal`] (console UART, microsecond clock, low-power wait, reset, heap
//! figures, optional hardware random numbers) and calls [`run`]. The core does the rest:
//! - the VM (`weft-vm`) on the **green thread backend**: there are no host threads on a
//!   board; the VM schedules Python threads itself at bytecode boundaries and blocking calls;
//! - the device side of MicroPython's raw-REPL protocol (`weft_bridge::device::Device`) on
//!   the UART: friendly REPL, raw REPL, raw-paste with flow control ([`WINDOW`]), Ctrl-C,
//!   Ctrl-D soft reset, and the fence for idle-time thread output: the board loop of
//!   [`console`], which `weft board` (host threads) serves its line with too;
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

pub mod console;
pub mod heap;
mod port;

use alloc::boxed::Box;
use alloc::format;

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
    /// The firmware's global allocator when it is a [`heap::ReserveHeap`] (both firmwares'
    /// are): the heap figures, the room check and the memory-low flag below come from it.
    /// The default: none.
    fn reserve_heap(&self) -> Option<&'static dyn heap::BoardHeap> {
        None
    }
    /// Bytes kept back from the heap limit the VM enforces, so that `MemoryError` comes
    /// before the allocator itself runs out (fragmentation, the allocator's own headers).
    const HEAP_MARGIN: usize = 8 * 1024;
    /// Heap figures in bytes: (in use, total). The total is the heap limit the VM enforces
    /// (`MemoryError`) and the base of `gc.mem_free()`. The default: the reserve heap's,
    /// less `HEAP_MARGIN`.
    fn heap(&self) -> (usize, usize) {
        match self.reserve_heap() {
            Some(h) => (h.used(), h.size().saturating_sub(Self::HEAP_MARGIN)),
            None => (0, 0),
        }
    }
    /// The allocator's "serving from the emergency reserve" flag (see
    /// `weft_vm::port::Port::memory_low_flag`).
    fn memory_low_flag(&self) -> Option<&'static core::sync::atomic::AtomicBool> {
        self.reserve_heap().map(|h| h.flag())
    }
    /// With the flag set: is the heap still short, and how much of the reserve is in use
    /// (the port clears the flag when not; see `weft_vm::port::Port::memory_low`)?
    fn memory_low(&self) -> Option<usize> {
        self.reserve_heap().and_then(|h| h.memory_low())
    }
    /// Could the heap hand out `bytes` in one block now (see
    /// `weft_vm::port::Port::heap_has_room`)? Small requests always find a block (or the
    /// reserve); a big one is tried for real.
    fn heap_has_room(&self, bytes: usize) -> bool {
        bytes < 1024 || self.reserve_heap().is_none_or(|h| h.block_free(bytes))
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
    let name = info.name;
    let console = Box::leak(Box::new(console::Console::new(
        port::Firmware::new(hal, info),
        WINDOW,
    )));
    let interp = console.new_interp();
    let (used, total) = hal.heap();
    console.start(&format!(
        "Weft {} (MicroPython-compatible) on {}; Ctrl-A raw REPL, Ctrl-B friendly REPL, Ctrl-C \
         interrupt, Ctrl-D soft reset\n{} KB of {} KB heap free after boot\n",
        env!("CARGO_PKG_VERSION"),
        name,
        total.saturating_sub(used) / 1024,
        total / 1024
    ));
    console::serve(console, interp);
    // a board's line never closes
    hal.reset()
}
