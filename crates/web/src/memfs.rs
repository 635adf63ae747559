//! The session's in-memory file system: `weft_vm::memfs` (shared with the firmware), with
//! its parts behind `Arc<Mutex<_>>` because a session's Python threads are Web Workers.

use std::sync::{Arc, Mutex};

use weft_vm::memfs::Share;

/// `Arc<Mutex<_>>`: the workers of a session share the file system.
pub struct Threaded;

impl Share for Threaded {
    type P<T: 'static> = Arc<Mutex<T>>;
    type Clock = fn() -> i64;
    fn new<T: 'static>(t: T) -> Arc<Mutex<T>> {
        Arc::new(Mutex::new(t))
    }
    fn with<T: 'static, R>(p: &Arc<Mutex<T>>, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut p.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

pub type MemFs = weft_vm::memfs::MemFs<Threaded>;
