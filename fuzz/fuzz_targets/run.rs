//! Compile AND run arbitrary programs with a bounded budget (the interpreter kills the
//! program after a number of interrupt checks, and the heap limit is small): any panic,
//! Rust stack overflow or hang is a bug. `cargo +nightly fuzz run run` from `fuzz/`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use weft_vm::budget_port::{run_bounded, BudgetPort};

static PORT: BudgetPort = BudgetPort::new(64);

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = core::str::from_utf8(data) {
        let _ = run_bounded(&PORT, s);
    }
});
