//! `NativeParker`: std threads, parked through `parking_lot_core`'s address-keyed queues.

use core::sync::atomic::Ordering::SeqCst;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use parking_lot_core::{park, unpark_all, unpark_one, ParkToken, DEFAULT_UNPARK_TOKEN};

use crate::{AtomicU32, Parker};

/// The std-thread [`Parker`] (Linux, macOS, Windows, and ESP-IDF's pthreads).
#[derive(Clone, Copy, Debug, Default)]
pub struct NativeParker;

fn epoch() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(Instant::now)
}

impl Parker for NativeParker {
    fn wait(&self, word: &AtomicU32, expected: u32, timeout_us: Option<u64>) {
        let deadline =
            timeout_us.and_then(|us| Instant::now().checked_add(Duration::from_micros(us)));
        let key = word as *const AtomicU32 as usize;
        // SAFETY: `key` is the address of a live atomic that only this crate parks on;
        // the closures neither panic nor call back into parking_lot_core.
        unsafe {
            park(
                key,
                || word.load(SeqCst) == expected,
                || {},
                |_, _| {},
                ParkToken(0),
                deadline,
            );
        }
    }

    fn wake(&self, word: &AtomicU32, n: u32) {
        let key = word as *const AtomicU32 as usize;
        // SAFETY: as in `wait`; the callback does nothing.
        unsafe {
            if n == u32::MAX {
                unpark_all(key, DEFAULT_UNPARK_TOKEN);
            } else {
                for _ in 0..n {
                    if unpark_one(key, |_| DEFAULT_UNPARK_TOKEN).unparked_threads == 0 {
                        break;
                    }
                }
            }
        }
    }

    fn now_us(&self) -> u64 {
        epoch().elapsed().as_micros() as u64
    }
}
