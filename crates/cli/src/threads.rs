//! The os thread backend: Python threads are `std::thread`s sharing one interpreter under
//! a GIL. Only stack size and detach state are used (what ESP-IDF's POSIX threads offer).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use weft_vm::port::{PortLock, ThreadPort};

/// The GIL. `gil_yield` forces a switch like CPython's: the yielding thread waits until
/// another thread has actually taken the GIL before competing again, so a busy thread
/// can't starve the others by re-taking it at once.
pub struct Gil {
    state: Mutex<GilState>,
    cv: Condvar,
    /// threads blocked in `gil_acquire` (read without the mutex by `gil_yield`)
    waiting: AtomicUsize,
}

struct GilState {
    held: bool,
    /// incremented on every acquisition
    switches: u64,
}

impl Gil {
    pub fn new() -> Gil {
        Gil {
            state: Mutex::new(GilState {
                held: false,
                switches: 0,
            }),
            cv: Condvar::new(),
            waiting: AtomicUsize::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, GilState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn acquire(&self) {
        let mut s = self.lock();
        if s.held {
            self.waiting.fetch_add(1, Ordering::SeqCst);
            while s.held {
                s = self.cv.wait(s).unwrap_or_else(|e| e.into_inner());
            }
            self.waiting.fetch_sub(1, Ordering::SeqCst);
        }
        s.held = true;
        s.switches += 1;
    }

    pub fn release(&self) {
        let mut s = self.lock();
        s.held = false;
        drop(s);
        self.cv.notify_all();
    }

    pub fn yield_now(&self) {
        if self.waiting.load(Ordering::SeqCst) == 0 {
            return;
        }
        let mut s = self.lock();
        let seen = s.switches;
        s.held = false;
        self.cv.notify_all();
        // wait until a waiter has taken it (or nobody wants it any more)
        while s.switches == seen && self.waiting.load(Ordering::SeqCst) > 0 {
            let (g, _) = self
                .cv
                .wait_timeout(s, Duration::from_millis(5))
                .unwrap_or_else(|e| e.into_inner());
            s = g;
        }
        if s.held {
            self.waiting.fetch_add(1, Ordering::SeqCst);
            while s.held {
                s = self.cv.wait(s).unwrap_or_else(|e| e.into_inner());
            }
            self.waiting.fetch_sub(1, Ordering::SeqCst);
        }
        s.held = true;
        s.switches += 1;
    }
}

/// A Python lock: a flag, a mutex and a condition variable.
pub struct OsLock {
    locked: Mutex<bool>,
    cv: Condvar,
}

impl PortLock for OsLock {
    fn acquire(&self, timeout_us: u64) -> bool {
        let mut l = self.locked.lock().unwrap_or_else(|e| e.into_inner());
        if !*l {
            *l = true;
            return true;
        }
        if timeout_us == 0 {
            return false;
        }
        let (mut l, _) = self
            .cv
            .wait_timeout_while(l, Duration::from_micros(timeout_us), |held| *held)
            .unwrap_or_else(|e| e.into_inner());
        if *l {
            return false;
        }
        *l = true;
        true
    }
    fn release(&self) {
        *self.locked.lock().unwrap_or_else(|e| e.into_inner()) = false;
        self.cv.notify_one();
    }
    fn locked(&self) -> bool {
        *self.locked.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub struct OsThreads {
    pub gil: Gil,
}

thread_local! {
    static THREAD_ID: u64 = {
        static NEXT: AtomicUsize = AtomicUsize::new(1);
        NEXT.fetch_add(1, Ordering::Relaxed) as u64
    };
}

impl ThreadPort for OsThreads {
    fn spawn(&self, f: Box<dyn FnOnce() + Send>, stack_size: usize) -> Result<(), String> {
        let mut b = std::thread::Builder::new();
        if stack_size > 0 {
            b = b.stack_size(stack_size);
        }
        // detached: the handle is dropped; threads end with the process (daemon semantics
        // for bare _thread threads; threading joins its non-daemon threads itself)
        b.spawn(f).map(|_| ()).map_err(|e| e.to_string())
    }
    fn current_id(&self) -> u64 {
        THREAD_ID.with(|id| *id)
    }
    fn gil_acquire(&self) {
        self.gil.acquire();
    }
    fn gil_release(&self) {
        self.gil.release();
    }
    fn gil_yield(&self) {
        self.gil.yield_now();
    }
    fn new_lock(&self) -> Box<dyn PortLock> {
        Box::new(OsLock {
            locked: Mutex::new(false),
            cv: Condvar::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn gil_excludes_and_hands_over() {
        let gil = Arc::new(Gil::new());
        let counter = Arc::new(AtomicUsize::new(0));
        let inside = Arc::new(AtomicUsize::new(0));
        let mut hs = Vec::new();
        for _ in 0..4 {
            let (gil, counter, inside) = (gil.clone(), counter.clone(), inside.clone());
            hs.push(std::thread::spawn(move || {
                gil.acquire();
                for i in 0..2000 {
                    assert_eq!(
                        inside.fetch_add(1, Ordering::SeqCst),
                        0,
                        "two threads hold the GIL"
                    );
                    counter.fetch_add(1, Ordering::SeqCst);
                    inside.fetch_sub(1, Ordering::SeqCst);
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
        assert_eq!(counter.load(Ordering::SeqCst), 8000);
    }

    #[test]
    fn lock_times_out_and_wakes() {
        let l = Arc::new(OsLock {
            locked: Mutex::new(false),
            cv: Condvar::new(),
        });
        assert!(l.acquire(0));
        let t0 = std::time::Instant::now();
        assert!(!l.acquire(30_000));
        assert!(t0.elapsed() >= Duration::from_millis(29));
        let l2 = l.clone();
        let h = std::thread::spawn(move || l2.acquire(5_000_000));
        std::thread::sleep(Duration::from_millis(20));
        l.release();
        assert!(h.join().unwrap());
    }
}
