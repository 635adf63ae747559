//! GIL and locks for host-thread backends: the os backend (std threads, `crates/cli`) and
//! the worker backend (Web Workers over shared wasm memory, `crates/web`).
//!
//! Both are built on one futex-style primitive, [`Parker`]: block while a 32-bit word holds
//! an expected value, wake waiters on a word, and read a monotonic clock. Each platform
//! supplies a `Parker`; the algorithms above it are shared and model-checked with loom
//! (`tests/loom.rs`, run by `cargo xtask loom`).
//!
//! The API:
//! - [`Parker`]: the platform primitive. [`NativeParker`] (feature `native`, default: std
//!   threads via `parking_lot_core`) and [`WasmParker`] (wasm32 with `+atomics`:
//!   `memory.atomic.wait32/notify`, time from a function the web build supplies, because
//!   `std::time::Instant::now()` panics there).
//! - [`Gil`]: `acquire`, `release`, `yield_now`. `yield_now` forces a switch like CPython:
//!   when another thread waits, the yielder releases the GIL and waits until some other
//!   thread has really taken it before competing again, so a busy thread can't starve the
//!   others by re-taking it at once.
//! - [`Lock`]: a Python lock (`_thread.LockType`): implements [`weft_vm::port::PortLock`]
//!   with a timed `acquire(timeout_us)`; any thread may release it.
//!
//! A port's `ThreadPort` wraps a `Gil` and hands out `Box::new(Lock::new(parker))` from
//! `new_lock`. Neither type allocates or needs std beyond what its `Parker` needs.
//!
//! On the browser's main thread `memory.atomic.wait32` traps: only block in workers.

#![no_std]
#![cfg_attr(
    all(target_arch = "wasm32", target_feature = "atomics"),
    feature(stdarch_wasm_atomic_wait)
)]

#[cfg(any(feature = "native", loom, test))]
extern crate std;

mod gil;
mod lock;
#[cfg(all(feature = "native", not(loom)))]
mod native;
#[cfg(all(target_arch = "wasm32", target_feature = "atomics", not(loom)))]
mod wasm;

pub use gil::Gil;
pub use lock::Lock;
#[cfg(all(feature = "native", not(loom)))]
pub use native::NativeParker;
#[cfg(all(target_arch = "wasm32", target_feature = "atomics", not(loom)))]
pub use wasm::WasmParker;

#[cfg(not(loom))]
pub use core::sync::atomic::AtomicU32;
/// The atomic word type the algorithms use (loom's under `--cfg loom`).
#[cfg(loom)]
pub use loom::sync::atomic::AtomicU32;

/// The futex-style primitive a platform provides.
pub trait Parker: Send + Sync {
    /// Block the calling thread while `word` holds `expected`, until [`Parker::wake`] is
    /// called on `word` or `timeout_us` microseconds pass (`None`: no limit). The check of
    /// the value and the start of the sleep are atomic with respect to `wake` (no lost
    /// wake-up). May return early or spuriously: callers re-check their condition.
    fn wait(&self, word: &AtomicU32, expected: u32, timeout_us: Option<u64>);
    /// Wake up to `n` threads blocked in `wait` on `word` (`u32::MAX`: all).
    fn wake(&self, word: &AtomicU32, n: u32);
    /// A monotonic clock in microseconds (any epoch).
    fn now_us(&self) -> u64;
}

#[cfg(all(test, feature = "native", not(loom)))]
mod tests {
    use super::*;
    use core::sync::atomic::Ordering::SeqCst;
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;
    use std::time::{Duration, Instant};
    use std::vec::Vec;

    #[test]
    fn gil_excludes_and_hands_over() {
        let gil = Arc::new(Gil::new(NativeParker));
        let counter = Arc::new(AtomicU32::new(0));
        let inside = Arc::new(AtomicU32::new(0));
        let mut hs = Vec::new();
        for _ in 0..4 {
            let (gil, counter, inside) = (gil.clone(), counter.clone(), inside.clone());
            hs.push(std::thread::spawn(move || {
                gil.acquire();
                for i in 0..20_000 {
                    assert_eq!(inside.fetch_add(1, SeqCst), 0, "two threads hold the GIL");
                    counter.fetch_add(1, SeqCst);
                    inside.fetch_sub(1, SeqCst);
                    if i % 100 == 0 {
                        gil.yield_now();
                    }
                }
                gil.release();
            }));
        }
        for h in hs {
            h.join().unwrap();
        }
        assert_eq!(counter.load(SeqCst), 80_000);
    }

    /// A thread that only computes and yields must let a waiting thread in (CPython's
    /// forced switch): without it the busy thread re-takes the GIL at once, forever.
    #[test]
    fn yield_lets_a_waiter_in() {
        let gil = Arc::new(Gil::new(NativeParker));
        let stop = Arc::new(AtomicBool::new(false));
        gil.acquire();
        let (g2, s2) = (gil.clone(), stop.clone());
        let waiter = std::thread::spawn(move || {
            g2.acquire();
            s2.store(true, SeqCst);
            g2.release();
        });
        // busy loop holding the GIL, yielding as the VM does every check interval
        let mut yields = 0u64;
        while !stop.load(SeqCst) {
            gil.yield_now();
            yields += 1;
            assert!(yields < 10_000_000, "the waiter never got the GIL");
        }
        gil.release();
        waiter.join().unwrap();
    }

    #[test]
    fn yield_without_waiters_returns_at_once() {
        let gil = Gil::new(NativeParker);
        gil.acquire();
        let before = gil.switches.load(SeqCst);
        gil.yield_now();
        assert_eq!(
            gil.switches.load(SeqCst),
            before,
            "yield switched with nobody waiting"
        );
        assert!(!gil.contended());
        gil.release();
    }

    #[test]
    fn lock_excludes() {
        let l = Arc::new(Lock::new(NativeParker));
        let counter = Arc::new(AtomicU32::new(0));
        let mut hs = Vec::new();
        for _ in 0..4 {
            let (l, counter) = (l.clone(), counter.clone());
            hs.push(std::thread::spawn(move || {
                for _ in 0..20_000 {
                    assert!(l.acquire_timeout(u64::MAX));
                    // a non-atomic read-modify-write under the lock
                    let v = counter.load(SeqCst);
                    counter.store(v + 1, SeqCst);
                    l.release();
                }
            }));
        }
        for h in hs {
            h.join().unwrap();
        }
        assert_eq!(counter.load(SeqCst), 80_000);
        assert!(!l.is_locked());
    }

    #[test]
    fn lock_times_out_and_wakes() {
        let l = Arc::new(Lock::new(NativeParker));
        assert!(l.acquire_timeout(0));
        assert!(!l.acquire_timeout(0));
        let t0 = Instant::now();
        assert!(!l.acquire_timeout(30_000));
        assert!(t0.elapsed() >= Duration::from_millis(30));
        assert!(l.is_locked());
        // another thread releases it (a lock has no owner)
        let l2 = l.clone();
        let h = std::thread::spawn(move || l2.acquire_timeout(5_000_000));
        std::thread::sleep(Duration::from_millis(20));
        l.release();
        assert!(h.join().unwrap());
        assert!(l.is_locked());
        let l3 = l.clone();
        std::thread::spawn(move || l3.release()).join().unwrap();
        assert!(!l.is_locked());
    }

    #[test]
    fn parker_times_out_and_wakes() {
        let p = NativeParker;
        let w = Arc::new(AtomicU32::new(7));
        // wrong expected value: returns at once
        p.wait(&w, 8, None);
        let t0 = p.now_us();
        p.wait(&w, 7, Some(20_000));
        assert!(p.now_us() - t0 >= 20_000);
        let w2 = w.clone();
        let h = std::thread::spawn(move || {
            while w2.load(SeqCst) == 7 {
                NativeParker.wait(&w2, 7, None);
            }
        });
        std::thread::sleep(Duration::from_millis(20));
        w.store(9, SeqCst);
        p.wake(&w, 1);
        h.join().unwrap();
    }
}
