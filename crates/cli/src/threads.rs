//! The os thread backend: Python threads are `std::thread`s sharing one interpreter under
//! a GIL (`hostsync`, shared with the web build). Only stack size and detach state are used
//! (what ESP-IDF's POSIX threads offer).

use std::sync::atomic::{AtomicUsize, Ordering};

use hostsync::{Gil, Lock, NativeParker};
use weft_vm::port::{PortLock, ThreadPort};

pub struct OsThreads {
    pub gil: Gil<NativeParker>,
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
        Box::new(Lock::new(NativeParker))
    }
}
