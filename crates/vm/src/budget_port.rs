//! A port with no I/O that kills the program after a budget of interrupt checks: used by
//! the fuzz target and the no-panic tests, and by anything that runs untrusted code with a
//! bounded amount of work.

use alloc::string::String;
use core::sync::atomic::{AtomicU32, Ordering};

use crate::port::{Port, Stream};

pub struct BudgetPort {
    /// interrupt checks (each about `CHECK_INTERVAL` loop iterations) before the kill
    checks_left: AtomicU32,
    clock: AtomicU32,
}

impl BudgetPort {
    pub const fn new(checks: u32) -> BudgetPort {
        BudgetPort {
            checks_left: AtomicU32::new(checks),
            clock: AtomicU32::new(0),
        }
    }
    /// Start a new budget (load + store only: the C3 has no atomic read-modify-write).
    pub fn reset(&self, checks: u32) {
        self.checks_left.store(checks, Ordering::Relaxed);
    }
}

impl Port for BudgetPort {
    fn write(&self, _stream: Stream, _data: &[u8]) {}
    fn read_line(&self, _prompt: &str) -> Option<String> {
        None
    }
    fn ticks_us(&self) -> u64 {
        let t = self.clock.load(Ordering::Relaxed).wrapping_add(1);
        self.clock.store(t, Ordering::Relaxed);
        t as u64
    }
    fn time_ns(&self) -> u64 {
        0
    }
    fn sleep_us(&self, _us: u64) {}
    fn take_interrupt(&self) -> bool {
        false
    }
    fn kill_requested(&self) -> bool {
        let n = self.checks_left.load(Ordering::Relaxed);
        if n == 0 {
            return true;
        }
        self.checks_left.store(n - 1, Ordering::Relaxed);
        false
    }
    fn urandom(&self, buf: &mut [u8]) {
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(151).wrapping_add(7);
        }
    }
}

/// Compile and run `source` with a budget and a small heap limit; never panics for a
/// correct VM. Returns the exit status.
pub fn run_bounded(port: &'static BudgetPort, source: &str) -> i32 {
    port.reset(64);
    let config = crate::Config {
        heap_limit: 64 * 1024 * 1024,
        recursion_limit: 400,
        ..Default::default()
    };
    let mut interp = crate::Interp::new(port, config);
    interp.run_main(source, "<fuzz>")
}
