//! A Python lock: a three-state futex mutex without an owner.

use core::sync::atomic::Ordering::{Acquire, Relaxed, Release};

use crate::{AtomicU32, Parker};

const UNLOCKED: u32 = 0;
const LOCKED: u32 = 1;
/// locked, and some thread may be blocked in `acquire` (the release must wake one)
const CONTENDED: u32 = 2;

/// A lock any thread may release (`_thread.LockType`), with a timed acquire.
pub struct Lock<P: Parker> {
    state: AtomicU32,
    parker: P,
}

impl<P: Parker> Lock<P> {
    pub fn new(parker: P) -> Lock<P> {
        Lock {
            state: AtomicU32::new(UNLOCKED),
            parker,
        }
    }

    /// Take the lock without waiting. True if taken.
    #[inline]
    pub fn try_acquire(&self) -> bool {
        self.state
            .compare_exchange(UNLOCKED, LOCKED, Acquire, Relaxed)
            .is_ok()
    }

    /// Take the lock, waiting at most `timeout_us` microseconds (0: don't wait). True if
    /// taken.
    pub fn acquire_timeout(&self, timeout_us: u64) -> bool {
        if self.try_acquire() {
            return true;
        }
        if timeout_us == 0 {
            return false;
        }
        self.acquire_slow(timeout_us)
    }

    #[cold]
    fn acquire_slow(&self, timeout_us: u64) -> bool {
        let start = self.parker.now_us();
        loop {
            // Mark the lock contended; if it was free meanwhile, we have it (still marked
            // contended, which costs at most one needless wake on release).
            if self.state.swap(CONTENDED, Acquire) == UNLOCKED {
                return true;
            }
            let spent = self.parker.now_us().saturating_sub(start);
            if spent >= timeout_us {
                return false;
            }
            self.parker
                .wait(&self.state, CONTENDED, Some(timeout_us - spent));
        }
    }

    /// Release the lock (from any thread) and wake one waiter if there may be one.
    #[inline]
    pub fn release(&self) {
        if self.state.swap(UNLOCKED, Release) == CONTENDED {
            self.parker.wake(&self.state, 1);
        }
    }

    pub fn is_locked(&self) -> bool {
        self.state.load(Relaxed) != UNLOCKED
    }
}

impl<P: Parker> weft_vm::port::PortLock for Lock<P> {
    fn acquire(&self, timeout_us: u64) -> bool {
        self.acquire_timeout(timeout_us)
    }
    fn release(&self) {
        Lock::release(self)
    }
    fn locked(&self) -> bool {
        self.is_locked()
    }
}
