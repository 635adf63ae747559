//! The GIL: a futex mutex plus the bookkeeping for forced switches.

use core::sync::atomic::Ordering::{Acquire, Relaxed, Release, SeqCst};

use crate::{AtomicU32, Parker};

const FREE: u32 = 0;
const HELD: u32 = 1;
/// held, and some thread may be blocked in `acquire` (the release must wake one)
const CONTENDED: u32 = 2;

/// The global interpreter lock.
pub struct Gil<P: Parker> {
    state: AtomicU32,
    /// threads inside `acquire`'s slow path (read by `yield_now` to skip the switch when
    /// nobody wants the GIL)
    waiting: AtomicU32,
    /// incremented (wrapping) on every acquisition; a yielder waits on this word
    pub(crate) switches: AtomicU32,
    /// threads in `yield_now` waiting for `switches` to move (acquirers wake them)
    yielders: AtomicU32,
    parker: P,
}

impl<P: Parker> Gil<P> {
    pub fn new(parker: P) -> Gil<P> {
        Gil {
            state: AtomicU32::new(FREE),
            waiting: AtomicU32::new(0),
            switches: AtomicU32::new(0),
            yielders: AtomicU32::new(0),
            parker,
        }
    }

    /// The platform primitive this GIL parks on.
    pub fn parker(&self) -> &P {
        &self.parker
    }

    /// Take the GIL, blocking until it is free.
    pub fn acquire(&self) {
        if self
            .state
            .compare_exchange(FREE, HELD, Acquire, Relaxed)
            .is_err()
        {
            self.acquire_slow();
        }
        self.switches.fetch_add(1, SeqCst);
        // A yielder that saw the old count may be asleep on `switches`. It registered
        // before releasing the GIL we just took, so this load sees it.
        if self.yielders.load(SeqCst) != 0 {
            self.parker.wake(&self.switches, u32::MAX);
        }
    }

    #[cold]
    fn acquire_slow(&self) {
        self.waiting.fetch_add(1, SeqCst);
        while self.state.swap(CONTENDED, Acquire) != FREE {
            self.parker.wait(&self.state, CONTENDED, None);
        }
        self.waiting.fetch_sub(1, SeqCst);
    }

    pub fn release(&self) {
        if self.state.swap(FREE, Release) == CONTENDED {
            self.parker.wake(&self.state, 1);
        }
    }

    /// Is some thread waiting for the GIL? (A hint: it may change at once.)
    pub fn contended(&self) -> bool {
        self.waiting.load(SeqCst) != 0
    }

    /// Hand the GIL to a waiting thread, if any, and take it back afterwards. Returns at
    /// once when nobody waits. Must be called with the GIL held.
    pub fn yield_now(&self) {
        if self.waiting.load(SeqCst) == 0 {
            return;
        }
        self.yielders.fetch_add(1, SeqCst);
        let seen = self.switches.load(SeqCst);
        self.release();
        // Wait until another thread has taken the GIL, or nobody wants it any more. Every
        // thread counted in `waiting` takes the GIL (bumping `switches`) before it
        // uncounts itself, and every acquisition wakes registered yielders, so this needs
        // no timeout (the loom models check that); the bound is a second line of defence.
        while self.switches.load(SeqCst) == seen && self.waiting.load(SeqCst) != 0 {
            self.parker.wait(&self.switches, seen, Some(YIELD_WAIT_US));
        }
        self.yielders.fetch_sub(1, SeqCst);
        self.acquire();
    }
}

/// Upper bound on one wait of a yielder for the hand-off to happen.
const YIELD_WAIT_US: u64 = 5_000;
