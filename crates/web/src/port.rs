//! `WebPort`: the `Port` + `ThreadPort` of one session on the worker backend.
//!
//! How a Python thread is born: `_thread.start_new_thread` calls `ThreadPort::spawn`, which
//! boxes the closure and hands its address to the JS host (`__weftHost.spawn`); the worker
//! posts a request to the UI thread, which gives it to a pooled Worker (or starts one); that
//! Worker, already an instance of the same module over the same memory, calls
//! `thread_entry(ptr)`, which unboxes and runs the closure (it takes the GIL itself). When the
//! closure returns the Worker goes back to the pool, or calls `__wbindgen_thread_destroy()`
//! (freeing its stack and TLS) and ends.
//!
//! Stop reaches blocked workers through the flags: the UI writes `kill`/`interrupt` in the
//! shared memory, bumps `wake` and notifies. Busy threads see the flag in `Vm::periodic`;
//! sleepers wait on `wake`; lock waits are sliced by the VM; `input()` waits are woken by
//! the JS host.

use std::cell::Cell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

use hostsync::{Gil, Lock, Parker};
use weft_vm::port::{FileSystem, Port, PortLock, Stream, ThreadPort};

use crate::memfs::MemFs;
use crate::park::{parker, HostParker};

/// Flags the UI thread writes directly (an `Int32Array` over `memory.buffer` at
/// `flags_addr()`): [interrupt, kill, wake].
#[repr(C)]
struct Flags {
    interrupt: AtomicU32,
    kill: AtomicU32,
    /// bumped by the UI after setting a flag; sleepers wait on it
    wake: AtomicU32,
}

pub struct WebPort {
    id: u32,
    green: bool,
    flags: Flags,
    /// output chunks written so far (the sequence number of the next one)
    seq: AtomicU32,
    /// scheduling events sent to the host so far
    events: AtomicU32,
    /// the port-side number of the next thread (the main thread is 1); mirrors the
    /// `_thread` idents, which the VM allocates in the same order under the GIL
    next_thread: AtomicU32,
    /// host threads started by `spawn` that have not returned yet (a futex word)
    live: AtomicU32,
    gil: Gil<HostParker>,
    fs: MemFs,
    /// a deterministic run's `os.urandom` (SplitMix64 state from the schedule's seed), so
    /// that the whole run, `random` included, is the same on every machine
    rng: Mutex<Option<u64>>,
    /// the last deterministic run's recorded schedule (`replay:...`) and whether a replayed
    /// schedule diverged from its recording
    recorded: Mutex<Option<(String, bool)>>,
}

/// Every session ever made (leaked: `Interp` wants a `&'static dyn Port`); id = index + 1.
static SESSIONS: Mutex<Vec<&'static WebPort>> = Mutex::new(Vec::new());

thread_local! {
    /// the port-side thread number of the calling worker (0: not a Python thread)
    static THREAD: Cell<u32> = const { Cell::new(0) };
}

pub fn now_us() -> u64 {
    crate::host_now_us() as u64
}

fn now_s() -> i64 {
    (crate::host_wall_ms() / 1000.0) as i64
}

impl WebPort {
    pub fn leak(green: bool) -> &'static WebPort {
        let mut all = SESSIONS.lock().unwrap_or_else(|e| e.into_inner());
        let port: &'static WebPort = Box::leak(Box::new(WebPort {
            id: all.len() as u32 + 1,
            green,
            flags: Flags {
                interrupt: AtomicU32::new(0),
                kill: AtomicU32::new(0),
                wake: AtomicU32::new(0),
            },
            seq: AtomicU32::new(0),
            events: AtomicU32::new(0),
            next_thread: AtomicU32::new(2),
            live: AtomicU32::new(0),
            gil: Gil::new(parker()),
            fs: MemFs::new(now_s),
            rng: Mutex::new(None),
            recorded: Mutex::new(None),
        }));
        all.push(port);
        port
    }

    pub fn get(id: u32) -> Option<&'static WebPort> {
        let all = SESSIONS.lock().unwrap_or_else(|e| e.into_inner());
        all.get((id as usize).wrapping_sub(1)).copied()
    }

    pub fn id(&self) -> u32 {
        self.id
    }

    pub fn green(&self) -> bool {
        self.green
    }

    pub fn flags_addr(&self) -> u32 {
        &self.flags as *const Flags as usize as u32
    }

    pub fn output_count(&self) -> u32 {
        self.seq.load(Ordering::SeqCst)
    }

    pub fn event_count(&self) -> u32 {
        self.events.load(Ordering::SeqCst)
    }

    pub fn memfs(&self) -> &MemFs {
        &self.fs
    }

    /// `os.urandom` follows `seed` from now on (a deterministic run).
    pub fn seed_urandom(&self, seed: u64) {
        *self.rng.lock().unwrap_or_else(|e| e.into_inner()) = Some(seed);
    }

    /// Keep the recorded schedule of the run that just ended.
    pub fn set_recorded(&self, schedule: Option<(String, bool)>) {
        *self.recorded.lock().unwrap_or_else(|e| e.into_inner()) = schedule;
    }

    pub fn recorded(&self) -> Option<(String, bool)> {
        self.recorded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn kill_flag(&self) -> bool {
        self.flags.kill.load(Ordering::SeqCst) != 0
    }

    /// The calling worker is now Python thread `n` of this session (1: main).
    pub fn enter_thread(&self, n: u32) {
        THREAD.with(|t| t.set(n));
    }

    /// After the main program: end the threads still running (daemon threads; a native
    /// process exit would end them) and wait a little for them to unwind.
    pub fn end_threads(&self) {
        if self.live.load(Ordering::SeqCst) == 0 {
            return;
        }
        self.flags.kill.store(1, Ordering::SeqCst);
        self.flags.wake.fetch_add(1, Ordering::SeqCst);
        parker().wake(&self.flags.wake, u32::MAX);
        let deadline = now_us() + 2_000_000;
        loop {
            let n = self.live.load(Ordering::SeqCst);
            let now = now_us();
            if n == 0 || now >= deadline {
                return;
            }
            // the GIL is free (run_main released it): the threads can unwind
            parker().wait(&self.live, n, Some(deadline - now));
        }
    }
}

/// What a spawned worker runs.
struct Spawned {
    port: &'static WebPort,
    thread: u32,
    f: Box<dyn FnOnce() + Send>,
}

/// Run the closure boxed by `spawn` (called by `thread_entry` on the new worker).
pub fn run_spawned(ptr: u32) {
    if ptr == 0 {
        return;
    }
    // SAFETY: `ptr` came from `Box::into_raw` in `spawn` and is handed to exactly one worker.
    let s = unsafe { Box::from_raw(ptr as usize as *mut Spawned) };
    let Spawned { port, thread, f } = *s;
    port.enter_thread(thread);
    f();
    THREAD.with(|t| t.set(0));
    port.live.fetch_sub(1, Ordering::SeqCst);
    parker().wake(&port.live, u32::MAX);
}

impl ThreadPort for WebPort {
    fn spawn(&self, f: Box<dyn FnOnce() + Send>, _stack_size: usize) -> Result<(), String> {
        // Worker stacks are fixed when the pool starts them (wasm-bindgen's thread stack
        // size), so `_thread.stack_size()` has no effect here.
        let port = WebPort::get(self.id).ok_or("no such session")?;
        let thread = self.next_thread.fetch_add(1, Ordering::SeqCst);
        let ptr = Box::into_raw(Box::new(Spawned { port, thread, f })) as usize as u32;
        self.live.fetch_add(1, Ordering::SeqCst);
        if crate::host_spawn(self.id, ptr, thread) {
            Ok(())
        } else {
            // SAFETY: the host refused it, so no worker will take the pointer
            drop(unsafe { Box::from_raw(ptr as usize as *mut Spawned) });
            self.live.fetch_sub(1, Ordering::SeqCst);
            Err("no worker available".into())
        }
    }

    fn current_id(&self) -> u64 {
        THREAD.with(|t| t.get()) as u64
    }

    fn gil_acquire(&self) {
        self.gil.acquire();
    }

    fn gil_release(&self) {
        // the events this worker batched go out before another thread can make any: the
        // page then gets every worker's events in the order of the GIL's hand-offs
        crate::host_flush();
        self.gil.release();
    }

    fn gil_yield(&self) {
        crate::host_flush();
        self.gil.yield_now();
    }

    fn new_lock(&self) -> Box<dyn PortLock> {
        Box::new(Lock::new(parker()))
    }
}

impl Port for WebPort {
    fn write(&self, stream: Stream, data: &[u8]) {
        self.write_thread(THREAD.with(|t| t.get()) as u64, stream, data);
    }

    fn write_thread(&self, thread: u64, stream: Stream, data: &[u8]) {
        if data.is_empty() {
            return;
        }
        let thread = thread as u32;
        let seq = self.seq.fetch_add(1, Ordering::SeqCst);
        let s = match stream {
            Stream::Stdout => 1,
            Stream::Stderr => 2,
        };
        crate::host_write(self.id, seq, thread, s, &String::from_utf8_lossy(data));
    }

    fn read_line(&self, prompt: &str) -> Option<String> {
        // the prompt is console output like any other (the host gets it too, to show it
        // next to an input box)
        self.write(Stream::Stdout, prompt.as_bytes());
        if self.kill_flag() {
            return None;
        }
        crate::host_read_line(self.id, prompt)
    }

    fn ticks_us(&self) -> u64 {
        now_us()
    }

    fn time_ns(&self) -> u64 {
        (crate::host_wall_ms() * 1e6) as u64
    }

    fn sleep_us(&self, us: u64) {
        let deadline = now_us().saturating_add(us);
        loop {
            let w = self.flags.wake.load(Ordering::SeqCst);
            if self.flags.kill.load(Ordering::SeqCst) != 0
                || self.flags.interrupt.load(Ordering::SeqCst) != 0
            {
                return;
            }
            let now = now_us();
            if now >= deadline {
                return;
            }
            parker().wait(&self.flags.wake, w, Some(deadline - now));
        }
    }

    fn take_interrupt(&self) -> bool {
        self.flags.interrupt.swap(0, Ordering::SeqCst) != 0
    }

    fn kill_requested(&self) -> bool {
        self.kill_flag()
    }

    fn urandom(&self, buf: &mut [u8]) {
        if let Some(state) = self.rng.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            let mut rng = weft_vm::green::SplitMix64(*state);
            for b in buf.iter_mut() {
                *b = rng.next_u64() as u8;
            }
            *state = rng.0;
            return;
        }
        let bytes = crate::host_random_bytes(buf.len() as u32);
        let n = bytes.len().min(buf.len());
        buf[..n].copy_from_slice(&bytes[..n]);
    }

    fn fs(&self) -> Option<&dyn FileSystem> {
        Some(&self.fs)
    }

    fn trace(&self, event: &weft_vm::trace::Event) {
        self.events.fetch_add(1, Ordering::SeqCst);
        crate::host_event(self.id, &event.to_json());
    }

    fn thread_named(&self, ident: u64, name: &str) {
        // in the output's order (stream 3 = a name, not text), so it labels what follows
        let seq = self.seq.fetch_add(1, Ordering::SeqCst);
        crate::host_write(self.id, seq, ident as u32, 3, name);
    }

    fn threads(&self) -> Option<&dyn ThreadPort> {
        if self.green {
            None
        } else {
            Some(self)
        }
    }
}
