//! Blocking on a 32-bit word of shared memory, and the GIL and Python locks built on it.
//!
//! On the threaded wasm build this is `memory.atomic.wait32` / `memory.atomic.notify`, the
//! same primitive the page's JavaScript reaches with `Atomics.wait` / `Atomics.notify` on an
//! `Int32Array` over `memory.buffer` — so the UI thread can wake any waiter (Stop) by
//! writing a flag and notifying its address. Timeouts are passed to the wait instruction
//! itself: `std::time::Instant` panics on wasm32-unknown-unknown, and `Condvar`'s timed
//! waits use it.
//!
//! Elsewhere (native `cargo test` / `clippy` of this crate) a polling stand-in is used.

use core::sync::atomic::{AtomicI32, AtomicU32, Ordering};

/// Wait while `*word == expected`, at most `timeout_ns` (None: forever). Returns on a
/// notify, a timeout, a spurious wake-up or when the value already differs: callers re-check.
pub fn wait(word: &AtomicI32, expected: i32, timeout_ns: Option<u64>) {
    imp::wait(word, expected, timeout_ns)
}

/// Wake up to `count` waiters on `word`.
pub fn wake(word: &AtomicI32, count: u32) {
    imp::wake(word, count)
}

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
mod imp {
    use core::sync::atomic::AtomicI32;

    pub fn wait(word: &AtomicI32, expected: i32, timeout_ns: Option<u64>) {
        let t = match timeout_ns {
            None => -1,
            Some(ns) => ns.min(i64::MAX as u64) as i64,
        };
        // SAFETY: `word` is a valid, aligned i32 in the (shared) linear memory.
        unsafe {
            core::arch::wasm32::memory_atomic_wait32(word.as_ptr(), expected, t);
        }
    }

    pub fn wake(word: &AtomicI32, count: u32) {
        // SAFETY: as above.
        unsafe {
            core::arch::wasm32::memory_atomic_notify(word.as_ptr(), count);
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "atomics")))]
mod imp {
    use core::sync::atomic::{AtomicI32, Ordering};

    pub fn wait(word: &AtomicI32, expected: i32, timeout_ns: Option<u64>) {
        let start = std::time::Instant::now();
        while word.load(Ordering::SeqCst) == expected {
            if let Some(t) = timeout_ns {
                if start.elapsed().as_nanos() as u64 >= t {
                    return;
                }
            }
            std::thread::sleep(std::time::Duration::from_micros(50));
        }
    }

    pub fn wake(_word: &AtomicI32, _count: u32) {}
}

/// The GIL: 0 free, 1 held. `yield_now` forces a switch like the os backend's: the yielding
/// thread waits until another thread has taken the GIL before competing again.
pub struct Gil {
    state: AtomicI32,
    /// bumped on every acquisition (a futex word too: `yield_now` waits for it to change)
    switches: AtomicI32,
    waiting: AtomicU32,
}

impl Default for Gil {
    fn default() -> Self {
        Gil::new()
    }
}

impl Gil {
    pub const fn new() -> Gil {
        Gil {
            state: AtomicI32::new(0),
            switches: AtomicI32::new(0),
            waiting: AtomicU32::new(0),
        }
    }

    fn try_take(&self) -> bool {
        if self
            .state
            .compare_exchange(0, 1, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            self.switches.fetch_add(1, Ordering::SeqCst);
            wake(&self.switches, u32::MAX);
            true
        } else {
            false
        }
    }

    pub fn acquire(&self) {
        if self.try_take() {
            return;
        }
        self.waiting.fetch_add(1, Ordering::SeqCst);
        while !self.try_take() {
            wait(&self.state, 1, None);
        }
        self.waiting.fetch_sub(1, Ordering::SeqCst);
    }

    pub fn release(&self) {
        self.state.store(0, Ordering::SeqCst);
        if self.waiting.load(Ordering::SeqCst) > 0 {
            wake(&self.state, 1);
        }
    }

    pub fn yield_now(&self) {
        if self.waiting.load(Ordering::SeqCst) == 0 {
            return;
        }
        let seen = self.switches.load(Ordering::SeqCst);
        self.release();
        // wait (bounded) until a waiter has taken it, or nobody wants it any more
        let mut rounds = 0;
        while self.switches.load(Ordering::SeqCst) == seen
            && self.waiting.load(Ordering::SeqCst) > 0
            && rounds < 10
        {
            wait(&self.switches, seen, Some(1_000_000));
            rounds += 1;
        }
        self.acquire();
    }
}

/// A Python lock (`_thread.allocate_lock()`): 0 free, 1 taken.
pub struct FutexLock {
    word: AtomicI32,
    /// the port's clock, for the deadline of a timed acquire
    now_us: fn() -> u64,
}

impl FutexLock {
    pub fn new(now_us: fn() -> u64) -> FutexLock {
        FutexLock {
            word: AtomicI32::new(0),
            now_us,
        }
    }

    fn try_take(&self) -> bool {
        self.word
            .compare_exchange(0, 1, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }
}

impl weft_vm::port::PortLock for FutexLock {
    fn acquire(&self, timeout_us: u64) -> bool {
        if self.try_take() {
            return true;
        }
        if timeout_us == 0 {
            return false;
        }
        let deadline = (self.now_us)().saturating_add(timeout_us);
        loop {
            let now = (self.now_us)();
            if now >= deadline {
                return self.try_take();
            }
            wait(&self.word, 1, Some((deadline - now) * 1000));
            if self.try_take() {
                return true;
            }
        }
    }

    fn release(&self) {
        self.word.store(0, Ordering::SeqCst);
        wake(&self.word, 1);
    }

    fn locked(&self) -> bool {
        self.word.load(Ordering::SeqCst) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use weft_vm::port::PortLock;

    fn now_us() -> u64 {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_micros() as u64
    }

    #[test]
    fn gil_excludes() {
        let gil = Arc::new(Gil::new());
        let inside = Arc::new(AtomicU32::new(0));
        let hs: Vec<_> = (0..4)
            .map(|_| {
                let (gil, inside) = (gil.clone(), inside.clone());
                std::thread::spawn(move || {
                    gil.acquire();
                    for i in 0..500 {
                        assert_eq!(inside.fetch_add(1, Ordering::SeqCst), 0);
                        inside.fetch_sub(1, Ordering::SeqCst);
                        if i % 50 == 0 {
                            gil.yield_now();
                        }
                    }
                    gil.release();
                })
            })
            .collect();
        for h in hs {
            h.join().unwrap();
        }
    }

    #[test]
    fn lock_times_out_and_is_released() {
        let l = Arc::new(FutexLock::new(now_us));
        assert!(l.acquire(0));
        assert!(!l.acquire(0));
        assert!(!l.acquire(2_000));
        assert!(l.locked());
        let l2 = l.clone();
        let h = std::thread::spawn(move || l2.acquire(10_000_000));
        std::thread::sleep(std::time::Duration::from_millis(5));
        l.release();
        assert!(h.join().unwrap());
    }
}
