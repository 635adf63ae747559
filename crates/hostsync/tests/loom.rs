//! Loom models of the GIL and the lock (run by `cargo xtask loom`: `--cfg loom`, own target
//! dir). Loom runs each model under every interleaving of its threads' atomic operations
//! (up to a preemption bound) and fails on a broken assertion, a data race on a
//! `loom::cell::UnsafeCell`, or a deadlock (every thread blocked: a lost wake-up).
//!
//! `LoomParker` gives the algorithms futex semantics: check-and-sleep is atomic with respect
//! to `wake`, a wake reaches only the waiters of that word (`n == 1`: one of them), and
//! there are no spurious wake-ups except from the timer (the strictest case for a lost
//! wake-up). Time
//! is a counter: by default timed waits never time out (so the models show the GIL needs
//! no timeout to make progress); a model may start a timer thread, after which (at an
//! arbitrary point of the interleaving) every timed wait times out, the clock advancing
//! by its timeout.
//!
//! Not covered here: `NativeParker` (parking_lot_core) and `WasmParker` themselves, which
//! are the platform's futex; the unit tests exercise them on real threads.
#![cfg(loom)]

use core::sync::atomic::Ordering::SeqCst;

use hostsync::{AtomicU32, Gil, Lock, Parker};
use loom::cell::UnsafeCell;
use loom::sync::atomic::{AtomicBool, AtomicU64};
use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;

struct Inner {
    /// one condition variable per word waited on (found by address): a futex wakes only
    /// the waiters of that word
    queues: Mutex<Vec<(usize, Arc<Condvar>)>>,
    clock: AtomicU64,
    /// set by the timer thread: from then on timed waits time out
    timed_out: AtomicBool,
}

#[derive(Clone)]
struct LoomParker(Arc<Inner>);

impl LoomParker {
    fn new() -> LoomParker {
        LoomParker(Arc::new(Inner {
            queues: Mutex::new(Vec::new()),
            clock: AtomicU64::new(0),
            timed_out: AtomicBool::new(false),
        }))
    }

    /// A thread that, at any point of the interleaving, makes timed waits time out from
    /// then on (each advancing the clock by its timeout) and wakes every sleeper (for the
    /// untimed ones a spurious wake-up, which the contract allows).
    fn spawn_timer(&self) -> thread::JoinHandle<()> {
        let p = self.clone();
        thread::spawn(move || {
            p.0.timed_out.store(true, SeqCst);
            let qs = p.0.queues.lock().unwrap();
            for (_, cv) in qs.iter() {
                cv.notify_all();
            }
        })
    }
}

fn addr(word: &AtomicU32) -> usize {
    word as *const AtomicU32 as usize
}

impl Parker for LoomParker {
    fn wait(&self, word: &AtomicU32, expected: u32, timeout_us: Option<u64>) {
        let qs = self.0.queues.lock().unwrap();
        if word.load(SeqCst) != expected {
            return;
        }
        if let Some(t) = timeout_us {
            if self.0.timed_out.load(SeqCst) {
                // the whole timeout passes while we wait
                self.0.clock.fetch_add(t, SeqCst);
                return;
            }
        }
        let cv = match qs.iter().find(|(a, _)| *a == addr(word)) {
            Some((_, cv)) => cv.clone(),
            None => {
                let cv = Arc::new(Condvar::new());
                let mut qs = qs;
                qs.push((addr(word), cv.clone()));
                let _qs = cv.wait(qs).unwrap();
                return;
            }
        };
        let _qs = cv.wait(qs).unwrap();
    }

    fn wake(&self, word: &AtomicU32, n: u32) {
        let qs = self.0.queues.lock().unwrap();
        if let Some((_, cv)) = qs.iter().find(|(a, _)| *a == addr(word)) {
            if n == 1 {
                cv.notify_one();
            } else {
                cv.notify_all();
            }
        }
    }

    fn now_us(&self) -> u64 {
        self.0.clock.load(SeqCst)
    }
}

fn model(f: impl Fn() + Sync + Send + 'static) {
    let mut b = loom::model::Builder::new();
    if b.preemption_bound.is_none() {
        b.preemption_bound = Some(4);
    }
    b.check(f);
}

/// Three threads (the model's main thread and two more) each `enter`, bump unsynchronised
/// data and `leave`: loom reports a data race if two could be inside at once, and a
/// deadlock if a wake-up were lost. Returns the guard for checks at the end.
fn bump_under<T: Send + Sync + 'static>(guard: T, enter: fn(&T), leave: fn(&T)) -> Arc<T> {
    let guard = Arc::new(guard);
    let data = Arc::new(UnsafeCell::new(0u32));
    let bump = move |g: &T, data: &UnsafeCell<u32>| {
        enter(g);
        data.with_mut(|d| unsafe { *d += 1 });
        leave(g);
    };
    let hs: Vec<_> = (0..2)
        .map(|_| {
            let (g, d) = (guard.clone(), data.clone());
            thread::spawn(move || bump(&g, &d))
        })
        .collect();
    bump(&guard, &data);
    for h in hs {
        h.join().unwrap();
    }
    assert_eq!(data.with(|d| unsafe { *d }), 3);
    guard
}

#[test]
fn gil_mutual_exclusion() {
    model(|| {
        bump_under(Gil::new(LoomParker::new()), Gil::acquire, Gil::release);
    });
}

/// A thread holding the GIL yields while another waits for it: the waiter must get in
/// before the yielder continues (forced switch), with no lost wake-up either way.
#[test]
fn gil_yield_lets_waiter_in() {
    model(|| {
        let gil = Arc::new(Gil::new(LoomParker::new()));
        let ran = Arc::new(AtomicBool::new(false));
        gil.acquire();
        let (g2, r2) = (gil.clone(), ran.clone());
        let h = thread::spawn(move || {
            g2.acquire();
            r2.store(true, SeqCst);
            g2.release();
        });
        while !gil.contended() {
            thread::yield_now();
        }
        gil.yield_now();
        assert!(
            ran.load(SeqCst),
            "yield_now returned without the waiter getting the GIL"
        );
        gil.release();
        h.join().unwrap();
    });
}

/// Two waiters and a yielder: the yielder's hand-off completes when the two waiters
/// race for the GIL it released (one takes it, the other keeps waiting).
#[test]
fn gil_yield_with_two_waiters() {
    model(|| {
        let gil = Arc::new(Gil::new(LoomParker::new()));
        gil.acquire();
        let hs: Vec<_> = (0..2)
            .map(|_| {
                let g = gil.clone();
                thread::spawn(move || {
                    g.acquire();
                    g.release();
                })
            })
            .collect();
        gil.yield_now();
        gil.release();
        for h in hs {
            h.join().unwrap();
        }
    });
}

/// Two threads that both hold-and-yield, plus a release/acquire: every hand-off between
/// yielders completes (a deadlock here would be a yielder waiting for a switch nobody
/// announces), and the GIL still excludes.
#[test]
fn gil_two_yielders() {
    model(|| {
        let gil = Arc::new(Gil::new(LoomParker::new()));
        let data = Arc::new(UnsafeCell::new(0u32));
        let (g2, d2) = (gil.clone(), data.clone());
        let h = thread::spawn(move || {
            g2.acquire();
            d2.with_mut(|d| unsafe { *d += 1 });
            g2.yield_now();
            d2.with_mut(|d| unsafe { *d += 1 });
            g2.release();
        });
        gil.acquire();
        data.with_mut(|d| unsafe { *d += 1 });
        gil.yield_now();
        data.with_mut(|d| unsafe { *d += 1 });
        gil.release();
        h.join().unwrap();
        assert_eq!(data.with(|d| unsafe { *d }), 4);
    });
}

/// The lock excludes and a release wakes a blocked acquirer (timed waits never time out
/// in this model, so a lost wake-up deadlocks).
#[test]
fn lock_mutual_exclusion_and_wake() {
    model(|| {
        let lock = bump_under(
            Lock::new(LoomParker::new()),
            |l| assert!(l.acquire_timeout(1_000)),
            Lock::release,
        );
        assert!(!lock.is_locked());
    });
}

/// A parker and a lock, taken.
fn held_lock() -> (LoomParker, Arc<Lock<LoomParker>>) {
    let p = LoomParker::new();
    let lock = Arc::new(Lock::new(p.clone()));
    assert!(lock.acquire_timeout(0));
    (p, lock)
}

/// A timed acquire of a lock that is never released gives up once time has passed.
#[test]
fn lock_timed_acquire_gives_up() {
    model(|| {
        let (p, lock) = held_lock();
        let l2 = lock.clone();
        let h = thread::spawn(move || l2.acquire_timeout(1_000));
        let timer = p.spawn_timer();
        assert!(!h.join().unwrap());
        timer.join().unwrap();
        assert!(lock.is_locked());
        lock.release();
        assert!(!lock.is_locked());
        assert!(
            lock.acquire_timeout(0),
            "a timed-out waiter left the lock unusable"
        );
    });
}

/// A timed acquire racing a release and the clock: it either gets the lock or times out,
/// and either way the lock ends up consistent (free once everyone has released).
#[test]
fn lock_timed_acquire_races_release() {
    model(|| {
        let (p, lock) = held_lock();
        let l2 = lock.clone();
        let h = thread::spawn(move || {
            let got = l2.acquire_timeout(1_000);
            if got {
                l2.release();
            }
            got
        });
        let timer = p.spawn_timer();
        lock.release();
        let _got = h.join().unwrap();
        timer.join().unwrap();
        assert!(!lock.is_locked());
    });
}

/// A lock has no owner: a thread that never acquired it may release it, and that release
/// wakes the thread blocked on it.
#[test]
fn lock_released_by_another_thread() {
    model(|| {
        let lock = Arc::new(Lock::new(LoomParker::new()));
        assert!(lock.acquire_timeout(0));
        let l2 = lock.clone();
        let h = thread::spawn(move || l2.release());
        assert!(lock.acquire_timeout(1_000));
        h.join().unwrap();
        assert!(lock.is_locked());
    });
}

/// The futex contract the algorithms rely on, as `LoomParker` provides it: a store
/// followed by `wake` is never lost by a thread that checks and waits.
#[test]
fn park_unpark() {
    model(|| {
        let p = LoomParker::new();
        let word = Arc::new(AtomicU32::new(0));
        let (p2, w2) = (p.clone(), word.clone());
        let h = thread::spawn(move || {
            while w2.load(SeqCst) == 0 {
                p2.wait(&w2, 0, None);
            }
        });
        word.store(1, SeqCst);
        p.wake(&word, 1);
        h.join().unwrap();
    });
}
