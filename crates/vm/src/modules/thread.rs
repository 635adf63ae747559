//! `_thread`: MicroPython's low-level threads over the port's host threads, with a GIL.
//!
//! Weft improvements over MicroPython (documented in the README): `acquire(timeout=...)`
//! really times out, and `TIMEOUT_MAX` exists.

use alloc::boxed::Box;
use alloc::format;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::dict::Dict;
use crate::interp::Shared;
use crate::port::PortLock;
use crate::trace::EventKind;
use crate::types::TypeId;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::{add_fns, native_class, native_ref};

/// Longest wait handed to the port in one go: Ctrl-C and Stop are checked between slices.
const WAIT_SLICE_US: u64 = 20_000;
/// `TIMEOUT_MAX`, seconds
const TIMEOUT_MAX: f64 = 4_294_967.0;

/// A lock for green threads (all on one host thread): a thread that finds it held is
/// switched out by the scheduler, never blocked on the host.
struct LocalLock(AtomicBool);
impl PortLock for LocalLock {
    fn acquire(&self, _timeout_us: u64) -> bool {
        if self.0.load(Ordering::Acquire) {
            return false;
        }
        self.0.store(true, Ordering::Release);
        true
    }
    fn release(&self) {
        self.0.store(false, Ordering::Release);
    }
    fn locked(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// `_thread.LockType`
pub struct Lock {
    pub inner: Box<dyn PortLock>,
    /// `_thread.get_ident()` of the thread that took it (0: free); changed under the GIL
    pub owner: core::cell::Cell<u64>,
    pub id: u64,
}

/// A thread waiting for a lock (an entry of the wait-for graph).
pub struct Wait {
    pub ident: u64,
    pub lock: Value,
    pub line: u32,
    pub file: alloc::string::String,
    pub timed: bool,
}

impl NativeObj for Lock {
    fn type_name(&self) -> &'static str {
        "lock"
    }
    fn class(&self, vm: &mut Vm) -> Value {
        lock_class(vm)
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}

fn lock_class(vm: &mut Vm) -> Value {
    native_class(
        vm,
        "lock",
        &[
            ("acquire", lock_acquire),
            ("acquire_lock", lock_acquire),
            ("release", lock_release),
            ("release_lock", lock_release),
            ("locked", lock_locked),
            ("__enter__", lock_acquire),
            ("__exit__", lock_exit),
        ],
    )
}

pub fn new_lock(vm: &Vm) -> Value {
    let inner: Box<dyn PortLock> = match vm.shared.threads() {
        Some(t) => t.new_lock(),
        None => Box::new(LocalLock(AtomicBool::new(false))),
    };
    let id = vm.shared.next_lock_id.get();
    vm.shared.next_lock_id.set(id + 1);
    Value::obj(Obj::Native(Box::new(Lock {
        inner,
        owner: core::cell::Cell::new(0),
        id,
    })))
}

pub fn init(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    add_fns(
        d,
        &[
            ("start_new_thread", start_new_thread),
            ("allocate_lock", allocate_lock),
            ("get_ident", get_ident),
            ("stack_size", stack_size),
            ("exit", thread_exit),
            ("_count", count),
            ("_set_name", set_name),
        ],
    );
    d.set_str("LockType", lock_class(vm));
    d.set_str("TIMEOUT_MAX", Value::Float(TIMEOUT_MAX));
    d.set_str("error", vm.shared.types.get(TypeId::RuntimeError));
    Ok(())
}

fn allocate_lock(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(new_lock(vm))
}

/// `lock.acquire(blocking=True, timeout=-1)`
fn lock_acquire(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let lock = match args.pos.first().and_then(native_ref::<Lock>) {
        Some(l) => l,
        None => return Err(vm.type_error("acquire() needs a lock")),
    };
    let blocking = match args.arg(1, "blocking") {
        Some(b) => vm.truthy(b)?,
        None => true,
    };
    let timeout = match args.arg(2, "timeout") {
        Some(t) => vm.to_f64(t)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be a non-negative number"));
    }
    if timeout > TIMEOUT_MAX {
        return Err(vm.overflow_error("timeout value is too large"));
    }
    if vm.shared.green.is_some() {
        return green_acquire(vm, &args.pos[0], lock, blocking, timeout);
    }
    if lock.inner.acquire(0) {
        lock.owner.set(vm.ident);
        vm.emit(EventKind::LockAcquire { lock: lock.id });
        return Ok(Value::Bool(true));
    }
    if !blocking {
        return Ok(Value::Bool(false));
    }
    vm.emit(EventKind::LockWait {
        lock: lock.id,
        owner: lock.owner.get(),
    });
    let me = args.pos[0].clone();
    push_wait(vm, me, timeout >= 0.0);
    let r = acquire_slow(vm, &*lock.inner, timeout);
    let ident = vm.ident;
    vm.shared.waits.borrow_mut().retain(|w| w.ident != ident);
    vm.took_gil();
    match r {
        Ok(true) => {
            lock.owner.set(vm.ident);
            vm.emit(EventKind::LockAcquire { lock: lock.id });
        }
        Ok(false) => vm.emit(EventKind::LockTimeout { lock: lock.id }),
        Err(_) => {}
    }
    r.map(Value::Bool)
}

/// Enter this thread in the wait-for graph (replacing an entry of an earlier try).
fn push_wait(vm: &mut Vm, lock: Value, timed: bool) {
    // where the program waits: `t.join()` in the script, not the line inside `threading`
    let (file, line) = vm.user_position();
    let file = alloc::string::String::from(file);
    let ident = vm.ident;
    let mut waits = vm.shared.waits.borrow_mut();
    waits.retain(|w| w.ident != ident);
    waits.push(Wait {
        ident,
        lock,
        line,
        file,
        timed,
    });
}

/// `lock.acquire` with green threads: a held lock switches this thread out until the lock
/// is free (or the timeout passes); see green.rs. After a switch the call runs again, with
/// the deadline of the first try.
fn green_acquire(
    vm: &mut Vm,
    me: &Value,
    lock: &Lock,
    blocking: bool,
    timeout: f64,
) -> PyResult<Value> {
    let retry = core::mem::take(&mut vm.green_retry);
    let retry_deadline = vm.green_deadline.take();
    if !retry {
        // taking a lock is a switch point, as a store is: "A takes lock_a, then B takes
        // lock_b" must be a reachable interleaving even with nothing between two `with`s
        vm.ticks = vm.ticks.wrapping_sub(1);
        if vm.ticks == 0 && crate::green::slice_end(vm, true)? {
            // suspended before the acquire; the call runs again (as a first try) when
            // this thread is picked
            return Err(crate::vm::PyErr(Value::None));
        }
    }
    let ident = vm.ident;
    let done = |vm: &mut Vm, got: bool, waited: bool| {
        vm.shared.waits.borrow_mut().retain(|w| w.ident != ident);
        if got {
            lock.owner.set(ident);
            vm.emit(EventKind::LockAcquire { lock: lock.id });
        } else if waited {
            vm.emit(EventKind::LockTimeout { lock: lock.id });
        }
        Ok(Value::Bool(got))
    };
    let deadline = match (retry, retry_deadline) {
        (true, d) => d,
        _ if timeout >= 0.0 => Some(vm.shared.ticks_us() + (timeout * 1e6) as u64),
        _ => None,
    };
    let mut waited = retry;
    loop {
        if let Err(e) = vm.check_signals() {
            vm.shared.waits.borrow_mut().retain(|w| w.ident != ident);
            return Err(e);
        }
        if lock.inner.acquire(0) {
            return done(vm, true, waited);
        }
        if !blocking {
            return done(vm, false, false);
        }
        if let Some(d) = deadline {
            if vm.shared.ticks_us() >= d {
                return done(vm, false, waited);
            }
        }
        if !waited {
            vm.emit(EventKind::LockWait {
                lock: lock.id,
                owner: lock.owner.get(),
            });
            waited = true;
        }
        push_wait(vm, me.clone(), deadline.is_some());
        crate::green::block(
            vm,
            crate::green::Wait::Lock {
                lock: me.clone(),
                deadline,
            },
        )?;
    }
}

/// Is this `_thread` lock free (green scheduling: can its waiter run)?
pub fn lock_is_free(lock: &Value) -> bool {
    native_ref::<Lock>(lock)
        .map(|l| !l.inner.locked())
        .unwrap_or(true)
}

/// A `_thread` lock's id (as in trace events) and owner (0: none), for step mode's view.
pub fn lock_id_owner(lock: &Value) -> (u64, u64) {
    native_ref::<Lock>(lock)
        .map(|l| (l.id, l.owner.get()))
        .unwrap_or((0, 0))
}

/// Wait for a lock with the GIL released, in slices, checking for Ctrl-C/Stop between them.
pub fn acquire_slow(vm: &mut Vm, lock: &dyn PortLock, timeout: f64) -> PyResult<bool> {
    let port = vm.shared.port;
    let start = port.ticks_us();
    let limit = if timeout < 0.0 {
        None
    } else {
        Some((timeout * 1e6) as u64)
    };
    loop {
        let slice = match limit {
            Some(l) => {
                let spent = port.ticks_us().saturating_sub(start);
                if spent >= l {
                    return Ok(false);
                }
                (l - spent).min(WAIT_SLICE_US)
            }
            None => WAIT_SLICE_US,
        };
        let threaded = vm.shared.threads().is_some();
        let got = vm.blocking(|| {
            let got = lock.acquire(slice);
            if !got && !threaded {
                // no other thread can release it: just let time pass
                port.sleep_us(slice);
            }
            got
        });
        if got {
            return Ok(true);
        }
        check_deadlock(vm);
        vm.check_signals()?
    }
}

fn lock_release(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let lock = match args.pos.first().and_then(native_ref::<Lock>) {
        Some(l) => l,
        None => return Err(vm.type_error("release() needs a lock")),
    };
    if !lock.inner.locked() {
        return Err(vm.runtime_error("release unlocked lock"));
    }
    lock.owner.set(0);
    lock.inner.release();
    vm.emit(EventKind::LockRelease { lock: lock.id });
    Ok(Value::None)
}

fn lock_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    lock_release(vm, Args::new(&args.pos[..1]))
}

fn lock_locked(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match args.pos.first().and_then(native_ref::<Lock>) {
        Some(l) => Ok(Value::Bool(l.inner.locked())),
        None => Err(vm.type_error("locked() needs a lock")),
    }
}

/// `_thread._set_name(ident, name)` (Weft): the name `threading` gave a thread, used in
/// deadlock reports, `--trace-threads` and the playground's output labels.
fn set_name(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let ident = vm.arg(&args, 0, "_set_name")?.clone();
    let ident = vm.to_i64(&ident)? as u64;
    let name = vm.arg(&args, 1, "_set_name")?.clone();
    let name = vm.str_string(&name)?;
    vm.shared.port.thread_named(ident, &name);
    let mut names = vm.shared.thread_names.borrow_mut();
    match names.iter_mut().find(|(i, _)| *i == ident) {
        Some(entry) => entry.1 = name,
        None => names.push((ident, name)),
    }
    Ok(Value::None)
}

/// How reports name a thread: "main thread", "thread 3 (worker)" or "thread 3".
pub fn thread_label(shared: &Shared, ident: u64) -> alloc::string::String {
    if ident == 1 {
        return alloc::string::String::from("main thread");
    }
    match shared
        .thread_names
        .borrow()
        .iter()
        .find(|(i, _)| *i == ident)
    {
        Some((_, name)) => format!("thread {} ({})", ident, name),
        None => format!("thread {}", ident),
    }
}

fn get_ident(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(vm.ident as i64))
}

fn count(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(vm.shared.thread_count.get() as i64))
}

fn thread_exit(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let cls = vm.shared.types.get(TypeId::SystemExit);
    Err(crate::vm::PyErr(crate::types::make_exception(
        cls,
        Value::tuple(Vec::new()),
    )))
}

/// The stack size for new threads (0 = default).
static STACK_SIZE: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);
/// Rust stack of a new thread when `stack_size()` was not set: nested VM loops (builtins
/// calling back into Python) and the parser (for `exec`) need more than a small default.
const DEFAULT_STACK: usize = 2 * 1024 * 1024;

fn stack_size(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let old = STACK_SIZE.load(Ordering::Relaxed);
    if let Some(n) = args.pos.first() {
        let n = vm.to_i64(n)?;
        if n != 0 && n < 32768 {
            return Err(vm.value_error("size not valid: 32768 bytes minimum"));
        }
        STACK_SIZE.store(n as usize, Ordering::Relaxed);
    }
    Ok(Value::Int(old as i64))
}

/// What a new host thread needs; moved across threads, used only under the GIL.
struct Start {
    shared: Rc<Shared>,
    func: Value,
    args: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
    ident: u64,
}
// SAFETY: a `Start` is created under the GIL and unpacked by the new thread only after it
// has taken the GIL, so its reference counts are never touched by two threads at once.
unsafe impl Send for Start {}

/// `_thread.start_new_thread(func, args[, kwargs])`
fn start_new_thread(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() < 2 || args.pos.len() > 3 {
        return Err(vm.type_error("start_new_thread expected 2 or 3 arguments"));
    }
    let func = args.pos[0].clone();
    let fargs = match args.pos[1].as_tuple() {
        Some(t) => t.to_vec(),
        None => return Err(vm.type_error("2nd arg must be a tuple")),
    };
    let kwargs = match args.pos.get(2) {
        None => Vec::new(),
        Some(k) => match k {
            Value::Obj(o) if matches!(&**o, Obj::Dict(_)) => vm.mapping_items(k)?,
            _ => return Err(vm.type_error("optional 3rd arg must be a dictionary")),
        },
    };
    // a thread's VM starts with its stacks reserved: room for them, or MemoryError
    vm.check_memory_now()?;
    vm.check_alloc(Vm::NEW_THREAD_BYTES)?;
    let ident = vm.shared.next_ident.get();
    if let Some(g) = &vm.shared.green {
        vm.shared.next_ident.set(ident + 1);
        vm.shared.thread_count.set(vm.shared.thread_count.get() + 1);
        let mut t = Vm::new_thread(vm.shared.clone(), ident);
        t.is_main = false;
        g.spawn(t, func, fargs, kwargs);
        vm.emit(EventKind::Start { child: ident });
        crate::green::new_slice(vm);
        return Ok(Value::Int(ident as i64));
    }
    let threads = match vm.shared.threads() {
        Some(t) => t,
        None => {
            return Err(vm.runtime_error("can't start new thread: this platform has no threads"))
        }
    };
    vm.shared.next_ident.set(ident + 1);
    vm.shared.thread_count.set(vm.shared.thread_count.get() + 1);
    let start = Start {
        shared: vm.shared.clone(),
        func,
        args: fargs,
        kwargs,
        ident,
    };
    vm.emit(EventKind::Start { child: ident });
    let port = vm.shared.port;
    let stack = match STACK_SIZE.load(Ordering::Relaxed) {
        0 => DEFAULT_STACK,
        n => n,
    };
    let r = threads.spawn(
        Box::new(move || {
            let threads = match port.threads() {
                Some(t) => t,
                None => return,
            };
            threads.gil_acquire();
            thread_main(start);
            threads.gil_release();
        }),
        stack,
    );
    if let Err(e) = r {
        vm.shared.thread_count.set(vm.shared.thread_count.get() - 1);
        return Err(vm.runtime_error(format!("can't start new thread: {}", e)));
    }
    Ok(Value::Int(ident as i64))
}

/// The body of a Python thread (runs with the GIL held).
fn thread_main(start: Start) {
    let Start {
        shared,
        func,
        args,
        kwargs,
        ident,
    } = start;
    let mut vm = Vm::new_thread(shared.clone(), ident);
    vm.is_main = false;
    vm.took_gil();
    let r = vm.call_kw(&func, &args, &kwargs);
    drop((args, kwargs));
    thread_finished(&mut vm, &func, r);
    drop(vm);
}

/// A Python thread's target returned `r`: report an uncaught exception (MicroPython's
/// message; `SystemExit` ends a thread quietly) and count the thread out.
pub fn thread_finished(vm: &mut Vm, func: &Value, r: PyResult<Value>) {
    if let Err(e) = r {
        if !vm.exc_matches(&e.0, TypeId::SystemExit) && !vm.killed {
            vm.emit(EventKind::Uncaught);
            let fr = vm.repr_string(func).unwrap_or_default();
            let mut text = format!("Unhandled exception in thread started by {}\n", fr);
            text.push_str(&crate::interp::format_exception(vm, &e.0));
            vm.write_stderr(&text);
        }
    }
    vm.emit(EventKind::Exit);
    let ident = vm.ident;
    let shared = &vm.shared;
    shared
        .thread_names
        .borrow_mut()
        .retain(|(i, _)| *i != ident);
    shared
        .thread_count
        .set(shared.thread_count.get().saturating_sub(1));
}

/// If every live Python thread waits, without a timeout, for a lock, no thread can ever
/// release one: report the wait-for graph (who holds what, who waits for what, where) and
/// end the program (every thread unwinds; the exit status is `DEADLOCK_STATUS`).
pub fn check_deadlock(vm: &mut Vm) {
    // a killed program (the page's Stop) is unwinding: threads waiting meanwhile are not
    // a deadlock, and each is about to see the kill
    if vm.killed || vm.shared.port.kill_requested() {
        return;
    }
    let live = 1 + vm.shared.thread_count.get();
    let report = {
        let waits = vm.shared.waits.borrow();
        if waits.len() < live || waits.iter().any(|w| w.timed) || vm.shared.deadlock.get() {
            return;
        }
        // a lock released since its waiter's last slice: that waiter will get it; a lock
        // that is taken but has no owner yet: a waiter got it and waits for the GIL to say so
        if waits.iter().any(|w| {
            native_ref::<Lock>(&w.lock)
                .map(|l| !l.inner.locked() || l.owner.get() == 0)
                .unwrap_or(true)
        }) {
            return;
        }
        let owner_of = |w: &Wait| {
            native_ref::<Lock>(&w.lock)
                .map(|l| (l.id, l.owner.get()))
                .unwrap_or((0, 0))
        };
        let shared = vm.shared.clone();
        let name = |ident: u64| thread_label(&shared, ident);
        let mut text = alloc::string::String::from("Deadlock: every thread is waiting for a lock that only a waiting thread can release.\n");
        for w in waits.iter() {
            let (id, owner) = owner_of(w);
            let held: Vec<u64> = waits
                .iter()
                .filter_map(|o| {
                    native_ref::<Lock>(&o.lock)
                        .filter(|l| l.owner.get() == w.ident)
                        .map(|l| l.id)
                })
                .collect();
            let holds = if held.is_empty() {
                alloc::string::String::new()
            } else {
                format!(
                    " holds lock #{},",
                    held.iter()
                        .map(|h| format!("{}", h))
                        .collect::<Vec<_>>()
                        .join(", #")
                )
            };
            let by = if owner == 0 {
                alloc::string::String::from("nobody (its owner is gone)")
            } else {
                name(owner)
            };
            text.push_str(&format!(
                "  {}{} waits for lock #{} (held by {}) at {}, line {}\n",
                name(w.ident),
                holds,
                id,
                by,
                w.file,
                w.line
            ));
        }
        // the cycle, followed from the first waiter
        let mut cycle = Vec::new();
        let mut cur = waits[0].ident;
        for _ in 0..=waits.len() {
            if cycle.contains(&cur) {
                let start = cycle.iter().position(|c| *c == cur).unwrap_or(0);
                let names: Vec<alloc::string::String> =
                    cycle[start..].iter().map(|i| name(*i)).collect();
                text.push_str(&format!(
                    "  cycle: {} -> {}\n",
                    names.join(" -> "),
                    name(cur)
                ));
                break;
            }
            cycle.push(cur);
            match waits.iter().find(|w| w.ident == cur) {
                Some(w) => {
                    let (_, owner) = owner_of(w);
                    if owner == 0 {
                        break;
                    }
                    cur = owner;
                }
                None => break,
            }
        }
        text
    };
    vm.shared.deadlock.set(true);
    vm.emit(EventKind::Deadlock);
    vm.write_stderr(&report);
}
