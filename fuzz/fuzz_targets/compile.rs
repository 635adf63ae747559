//! Feed arbitrary bytes (as `str` when valid UTF-8) to the parser and compiler: any panic,
//! overflow or hang is a bug. Run with `cargo +nightly fuzz run compile` from `fuzz/`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use weft_vm::Mode;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = core::str::from_utf8(data) {
        let _ = weft_vm::compile_source(s, "<fuzz>", Mode::Exec);
    }
});
