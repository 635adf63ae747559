//! `WasmParker`: Web Workers over shared wasm memory (`memory.atomic.wait32/notify`).

use core::arch::wasm32::{memory_atomic_notify, memory_atomic_wait32};

use crate::{AtomicU32, Parker};

/// The wasm32 `+atomics` [`Parker`]. `now_us` is supplied by the web build (from
/// `performance.now()`), since `std::time::Instant::now()` panics on wasm32-unknown-unknown.
/// Waiting traps on the browser's main thread: only park in workers.
#[derive(Clone, Copy, Debug)]
pub struct WasmParker {
    pub now_us: fn() -> u64,
}

impl Parker for WasmParker {
    fn wait(&self, word: &AtomicU32, expected: u32, timeout_us: Option<u64>) {
        let timeout_ns = match timeout_us {
            Some(us) => us.saturating_mul(1000).min(i64::MAX as u64) as i64,
            None => -1,
        };
        // SAFETY: `word` is a live, aligned 32-bit atomic in the (shared) linear memory.
        unsafe {
            memory_atomic_wait32(word.as_ptr() as *mut i32, expected as i32, timeout_ns);
        }
    }

    fn wake(&self, word: &AtomicU32, n: u32) {
        // SAFETY: as in `wait`.
        unsafe {
            memory_atomic_notify(word.as_ptr() as *mut i32, n);
        }
    }

    fn now_us(&self) -> u64 {
        (self.now_us)()
    }
}
