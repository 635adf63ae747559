//! Green threads: many Python threads on one host thread, scheduled by the VM itself.
//!
//! Used when the port has no `ThreadPort` (boards without an RTOS, a page that is not
//! cross-origin isolated) or when `Config::schedule` asks for it (`weft --green`,
//! `weft --schedule SEED`). See ARCHITECTURE.md, "Green threads".
//!
//! Each Python thread keeps its own `Vm` (frames, value stack). A thread is in one of two
//! places:
//! - **suspended**: its `Vm` sits in the thread table; its Rust stack is empty (it stopped at
//!   a bytecode boundary of its outermost loop, with its ip pointing at the instruction to
//!   run next). Any driver can resume it.
//! - **pinned**: its `Vm` is on the host's Rust stack (the main thread always; another
//!   thread while it runs, or while it waits inside nested native code). A pinned thread
//!   that must wait runs a *driver* in place ([`wait_in_place`]): the driver runs other
//!   threads' slices until the scheduler picks the waiting thread again. Only the innermost
//!   pinned thread can continue, so threads pinned further down are not candidates.
//!
//! A thread switches at the end of its slice (`Vm::periodic`) and when it blocks (a lock
//! that is held, `time.sleep`). A blocking native called straight from the thread's
//! outermost loop records what it waits for in `Vm::switch_req` and returns the internal
//! switch signal; the call instruction is rewound (its callee and arguments are still on
//! the value stack) and the loop returns `Exit::Switch`; when the thread is resumed the call
//! runs again (with the deadline of the first attempt, `Vm::green_deadline`).

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use alloc::rc::Rc;

use crate::value::*;
use crate::vm::{CodeObject, Exit, PyErr, PyResult, Vm};

/// Which schedule the green backend follows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleChoice {
    /// Round robin, a slice of `sys.getswitchinterval()` seconds of host time (boards, the
    /// browser fallback, `weft --green`).
    RoundRobin,
    /// Deterministic: the seed drives which ready thread runs next and how long each slice
    /// is (in ticks, not time); time itself is virtual. Same seed, same run.
    Seeded(u64),
    /// Deterministic, PCT-style (Burckhardt et al. 2010): random thread priorities, the
    /// highest-priority ready thread runs, and at `depth - 1` random change points among the
    /// first `steps` decisions the running thread drops to the lowest priority.
    Pct { seed: u64, depth: u32, steps: u32 },
    /// Deterministic: replay the recorded decisions of an earlier run (see [`Replay`]).
    Replay(Vec<Step>),
}

/// How long a slice lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slice {
    /// this many ticks (loop iterations, backward jumps, stores to globals/attributes/items)
    Ticks(u32),
    /// this much host time, checked every `vm::CHECK_INTERVAL` ticks
    Micros(u64),
}

/// Why the scheduler is choosing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// the running thread's slice ended
    SliceEnd,
    /// the running thread blocked (lock, sleep)
    Blocked,
    /// the running thread ended
    Exited,
}

impl Why {
    /// the word used in trace events
    pub fn name(&self) -> &'static str {
        match self {
            Why::SliceEnd => "slice-end",
            Why::Blocked => "blocked",
            Why::Exited => "exited",
        }
    }
}

/// A scheduling strategy (issue 6 adds PCT priorities, replay of a recorded schedule and a
/// step mode where the user picks).
pub trait Schedule {
    /// Choose the next thread: an index into `ready` (thread idents in ascending order, never
    /// empty). `current` is the thread that ran last.
    fn pick(&mut self, ready: &[u64], current: u64, why: Why) -> usize;
    /// The length of the next slice; `switch_interval_us` is `sys.getswitchinterval()`.
    fn slice(&mut self, switch_interval_us: u64) -> Slice;
    /// Does the schedule read a virtual clock (deterministic runs)?
    fn virtual_time(&self) -> bool {
        false
    }
    /// The decisions made so far as a `replay:...` schedule string (recording schedules
    /// only; `None` when not recorded or too long to keep).
    fn replay_string(&self) -> Option<String> {
        None
    }
    /// A replayed schedule could not follow its recording (the program changed?).
    fn diverged(&self) -> bool {
        false
    }
}

/// Round robin over the ready threads, in ident order, host-time slices.
pub struct RoundRobin;

impl Schedule for RoundRobin {
    fn pick(&mut self, ready: &[u64], current: u64, why: Why) -> usize {
        if why == Why::SliceEnd || why == Why::Blocked || why == Why::Exited {
            // the first ready thread after `current`, wrapping around
            if let Some(i) = ready.iter().position(|&t| t > current) {
                return i;
            }
        }
        0
    }
    fn slice(&mut self, switch_interval_us: u64) -> Slice {
        Slice::Micros(switch_interval_us)
    }
}

/// splitmix64: small, fast, and the same numbers on every machine.
#[derive(Clone, Debug)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// uniform in `0..n` (n > 0)
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }
}

/// Longest seeded slice, in ticks, at the default switch interval (5 ms): short enough that
/// races show within a few iterations.
pub const SEEDED_MAX_SLICE: u32 = 64;
/// The default switch interval (µs) that SEEDED_MAX_SLICE goes with.
const DEFAULT_INTERVAL_US: u64 = 5000;

/// The deterministic schedule: a seeded PRNG picks the next ready thread and the slice
/// length: 1..=SEEDED_MAX_SLICE ticks, scaled by `sys.getswitchinterval()` / 5 ms (so a
/// tiny interval switches at almost every tick, a huge one hardly ever).
pub struct Seeded {
    rng: SplitMix64,
}

impl Seeded {
    pub fn new(seed: u64) -> Seeded {
        Seeded {
            rng: SplitMix64(seed),
        }
    }
}

impl Schedule for Seeded {
    fn pick(&mut self, ready: &[u64], _current: u64, _why: Why) -> usize {
        self.rng.below(ready.len() as u64) as usize
    }
    fn slice(&mut self, switch_interval_us: u64) -> Slice {
        let max = (SEEDED_MAX_SLICE as u64 * switch_interval_us / DEFAULT_INTERVAL_US)
            .clamp(1, u32::MAX as u64 - 1);
        Slice::Ticks(1 + self.rng.below(max) as u32)
    }
    fn virtual_time(&self) -> bool {
        true
    }
}

/// What a green thread waits for.
#[derive(Clone)]
pub enum Wait {
    /// nothing: it can run
    Ready,
    /// a `_thread` lock to be free, or the deadline (ticks_us) to pass
    Lock { lock: Value, deadline: Option<u64> },
    /// the deadline (ticks_us) to pass
    Sleep { deadline: u64 },
}

impl Wait {
    pub fn deadline(&self) -> Option<u64> {
        match self {
            Wait::Ready => None,
            Wait::Lock { deadline, .. } => *deadline,
            Wait::Sleep { deadline } => Some(*deadline),
        }
    }
    fn satisfied(&self, now: u64) -> bool {
        match self {
            Wait::Ready => true,
            Wait::Lock { lock, deadline } => {
                let free = crate::modules::thread::lock_is_free(lock);
                free || deadline.map(|d| now >= d).unwrap_or(false)
            }
            Wait::Sleep { deadline } => now >= *deadline,
        }
    }
}

/// What a new thread runs (until its first slice).
enum Start {
    /// a thread of `_thread.start_new_thread`
    Call {
        func: Value,
        args: Vec<Value>,
        kwargs: Vec<(Value, Value)>,
    },
    /// the main thread's program (or REPL input)
    Code {
        code: Rc<CodeObject>,
        globals: Value,
        locals: Value,
    },
}

struct Thread {
    ident: u64,
    /// `None` while the thread is pinned (its `Vm` is on the Rust stack)
    vm: Option<Box<Vm>>,
    start: Option<Start>,
    wait: Wait,
    /// the main thread's program ended (its `Vm` waits here for `run_main` to take it back)
    done: bool,
}

/// The green scheduler of one interpreter (in `Shared`, touched by one host thread only).
pub struct Green {
    schedule: RefCell<Box<dyn Schedule>>,
    threads: RefCell<Vec<Thread>>,
    /// idents of pinned threads, outermost first (the main thread is always first)
    pinned: RefCell<Vec<u64>>,
    current: Cell<u64>,
    /// the virtual clock (µs) of a deterministic run
    clock: Option<Cell<u64>>,
    /// host time when the running slice started (time slices)
    slice_start: Cell<u64>,
    slice: Cell<Slice>,
    /// how many scheduling decisions were made (the replayable steps themselves are kept
    /// by the `Recorder` schedule)
    pub decisions: Cell<usize>,
    /// Ctrl-C arrived while the main thread was suspended: it raises KeyboardInterrupt when
    /// it runs again
    pub interrupt: Cell<bool>,
    /// `run_main` is driving (the main thread is a suspendable thread)
    bottom: Cell<bool>,
    /// the result of the main thread's program, when it ended in a slice
    main_result: RefCell<Option<PyResult<Value>>>,
    /// the last decision: the thread that ran before, and why it stopped (trace events)
    last: Cell<(u64, Why)>,
}

/// Where the virtual wall clock starts: 2026-01-01T00:00:00Z.
const VIRTUAL_EPOCH_NS: u64 = 1_767_225_600 * 1_000_000_000;
/// Host sleep granularity while every thread waits (Ctrl-C is checked in between).
const IDLE_CHUNK_US: u64 = 20_000;

impl Green {
    pub fn new(choice: ScheduleChoice, main_ident: u64) -> Green {
        let schedule: Box<dyn Schedule> = match choice {
            ScheduleChoice::RoundRobin => Box::new(RoundRobin),
            ScheduleChoice::Seeded(seed) => Box::new(Recorder::new(Seeded::new(seed))),
            ScheduleChoice::Pct { seed, depth, steps } => {
                Box::new(Recorder::new(Pct::new(seed, depth, steps)))
            }
            ScheduleChoice::Replay(steps) => Box::new(Recorder::new(Replay::new(steps))),
        };
        Green::with_schedule(schedule, main_ident)
    }

    pub fn with_schedule(schedule: Box<dyn Schedule>, main_ident: u64) -> Green {
        let virt = schedule.virtual_time();
        Green {
            schedule: RefCell::new(schedule),
            threads: RefCell::new(alloc::vec![Thread {
                ident: main_ident,
                vm: None,
                start: None,
                wait: Wait::Ready,
                done: false,
            }]),
            pinned: RefCell::new(alloc::vec![main_ident]),
            current: Cell::new(main_ident),
            clock: if virt { Some(Cell::new(0)) } else { None },
            slice_start: Cell::new(0),
            slice: Cell::new(Slice::Micros(5000)),
            decisions: Cell::new(0),
            interrupt: Cell::new(false),
            bottom: Cell::new(false),
            main_result: RefCell::new(None),
            last: Cell::new((main_ident, Why::SliceEnd)),
        }
    }

    /// This run's decisions so far as a `replay:...` string for `--schedule` (deterministic
    /// schedules only).
    pub fn schedule_string(&self) -> Option<String> {
        self.schedule.borrow().replay_string()
    }

    /// A `replay:` schedule could not follow its recording.
    pub fn schedule_diverged(&self) -> bool {
        self.schedule.borrow().diverged()
    }

    /// The monotonic clock (µs): virtual in a deterministic run, else the port's.
    /// The clock for trace events (µs since the start; reading it doesn't move virtual time).
    pub fn trace_us(&self, port: &dyn crate::port::Port, start_us: u64) -> u64 {
        match &self.clock {
            Some(c) => c.get(),
            None => port.ticks_us().saturating_sub(start_us),
        }
    }

    pub fn ticks_us(&self, port: &dyn crate::port::Port) -> u64 {
        match &self.clock {
            // every read moves virtual time on a little, so that a loop polling the clock
            // ends
            Some(c) => {
                c.set(c.get() + 1);
                c.get()
            }
            None => port.ticks_us(),
        }
    }

    /// Wall time (ns since the epoch): virtual in a deterministic run.
    pub fn time_ns(&self, port: &dyn crate::port::Port) -> u64 {
        match &self.clock {
            Some(_) => VIRTUAL_EPOCH_NS + self.ticks_us(port) * 1000,
            None => port.time_ns(),
        }
    }

    fn now(&self, port: &dyn crate::port::Port) -> u64 {
        match &self.clock {
            Some(c) => c.get(),
            None => port.ticks_us(),
        }
    }

    /// Number of threads (running, ready or waiting), the main thread included.
    pub fn live(&self) -> usize {
        self.threads.borrow().len()
    }

    /// Register a new thread (`_thread.start_new_thread`); it runs when the scheduler picks it.
    pub fn spawn(&self, vm: Vm, func: Value, args: Vec<Value>, kwargs: Vec<(Value, Value)>) {
        let ident = vm.ident;
        let t = Thread {
            ident,
            vm: Some(Box::new(vm)),
            start: Some(Start::Call { func, args, kwargs }),
            wait: Wait::Ready,
            done: false,
        };
        let mut ts = self.threads.borrow_mut();
        let pos = ts.iter().position(|o| o.ident > ident).unwrap_or(ts.len());
        ts.insert(pos, t);
    }

    /// Drop every thread but the main one (end of the program: the rest are daemons).
    pub fn clear(&self) {
        let others: Vec<Thread> = {
            let mut ts = self.threads.borrow_mut();
            let pinned = self.pinned.borrow();
            let (keep, drop): (Vec<Thread>, Vec<Thread>) =
                ts.drain(..).partition(|t| pinned.contains(&t.ident));
            *ts = keep;
            drop
        };
        drop(others);
    }

    fn start_slice(&self, vm: &mut Vm, port: &dyn crate::port::Port) {
        let s = self
            .schedule
            .borrow_mut()
            .slice(vm.shared.switch_interval_us.get());
        self.slice.set(s);
        self.slice_start.set(self.now(port));
        vm.ticks = match s {
            Slice::Ticks(n) => n.max(1),
            Slice::Micros(_) => crate::vm::CHECK_INTERVAL,
        };
        vm.slice_ticks = vm.ticks;
    }

    /// Virtual time moves on by one µs per tick run.
    fn account(&self, vm: &mut Vm) {
        if let Some(c) = &self.clock {
            let used = vm.slice_ticks.saturating_sub(vm.ticks) as u64;
            c.set(c.get() + used);
            vm.slice_ticks = vm.ticks;
        }
    }

    fn record(&self) {
        self.decisions.set(self.decisions.get() + 1);
    }
}

/// The end of a slice (`Vm::periodic`, every few ticks). Returns true when the caller (the
/// thread's outermost loop) must return `Exit::Switch`; otherwise the thread goes on (maybe
/// after other threads ran in place).
pub fn slice_end(vm: &mut Vm, can_suspend: bool) -> PyResult<bool> {
    let shared = vm.shared.clone();
    let g = match &shared.green {
        Some(g) => g,
        None => return Ok(false),
    };
    let port = shared.port;
    g.account(vm);
    let over = match g.slice.get() {
        Slice::Ticks(_) => true,
        // the interval as it is now (the program may have changed it meanwhile)
        Slice::Micros(_) => {
            port.ticks_us().saturating_sub(g.slice_start.get()) >= shared.switch_interval_us.get()
        }
    };
    if !over {
        vm.ticks = crate::vm::CHECK_INTERVAL;
        vm.slice_ticks = vm.ticks;
        return Ok(false);
    }
    if g.live() == 1 {
        // alone: no decision to make (and no draw from the schedule: the next thread that
        // starts begins a new slice, `new_slice`)
        vm.ticks = crate::vm::CHECK_INTERVAL;
        vm.slice_ticks = vm.ticks;
        g.slice_start.set(port.ticks_us());
        return Ok(false);
    }
    if can_suspend && vm.native_depth == vm.suspend_depth {
        vm.switch_req = Some(Wait::Ready);
        return Ok(true);
    }
    wait_in_place(vm, Wait::Ready, Why::SliceEnd)?;
    Ok(false)
}

/// The running thread starts a new slice: when it starts another thread (a thread running
/// alone has no slices) and on `sys.setswitchinterval` (a slice of the new length).
pub fn new_slice(vm: &mut Vm) {
    let shared = vm.shared.clone();
    if let Some(g) = &shared.green {
        g.account(vm);
        g.start_slice(vm, shared.port);
        g.record();
    }
}

/// A blocking call (lock acquire, sleep) must wait for `wait`. When the calling native was
/// called straight from the thread's outermost loop, the thread is suspended: this returns
/// the switch signal (an `Err` the call instruction turns into a rewind). Otherwise other
/// threads run in place until `wait` is satisfied and this thread is picked: `Ok(())`.
pub fn block(vm: &mut Vm, wait: Wait) -> PyResult<()> {
    let shared = vm.shared.clone();
    if let Some(g) = &shared.green {
        g.account(vm);
    }
    if vm.native_depth == vm.suspend_depth {
        vm.green_deadline = wait.deadline();
        vm.green_retry = true;
        vm.switch_req = Some(wait);
        return Err(PyErr(Value::None));
    }
    wait_in_place(vm, wait, Why::Blocked)
}

/// Run the main thread's program (`code`) on the green scheduler. The main thread's `Vm`
/// moves into the thread table, so the main thread is suspendable like any other; this
/// function is the bottom driver: it runs slices until the program ends.
pub fn run_main(
    vm: &mut Vm,
    code: Rc<CodeObject>,
    globals: Value,
    locals: Value,
) -> PyResult<Value> {
    let shared = vm.shared.clone();
    let g = match &shared.green {
        Some(g) if !g.bottom.get() => g,
        _ => return vm.run_code(code, globals, locals),
    };
    let me = vm.ident;
    let placeholder = Vm::new_thread(shared.clone(), me);
    let main_vm = core::mem::replace(vm, placeholder);
    {
        let mut ts = g.threads.borrow_mut();
        match ts.iter_mut().find(|t| t.ident == me) {
            Some(t) => {
                t.vm = Some(Box::new(main_vm));
                t.start = Some(Start::Code {
                    code,
                    globals,
                    locals,
                });
                t.wait = Wait::Ready;
                t.done = false;
            }
            None => {
                drop(ts);
                *vm = main_vm;
                return Err(vm.system_error("green scheduler lost the main thread"));
            }
        }
    }
    g.pinned.borrow_mut().retain(|&t| t != me);
    g.bottom.set(true);
    let mut why = Why::SliceEnd;
    loop {
        wake_on_signals(g, &shared);
        if g.main_result.borrow().is_some() {
            break;
        }
        match choose(vm, g, None, why) {
            Choice::Run(next) => why = run_slice(vm, g, next),
            Choice::Idle => {}
            Choice::Stuck => {
                // nothing can run: a deadlock (reported by check_deadlock); every thread
                // unwinds from its wait
                crate::modules::thread::check_deadlock(vm);
                shared.deadlock.set(true);
                wake_all(g);
            }
            Choice::Me => {}
        }
    }
    g.bottom.set(false);
    // the main thread's Vm comes back to the interpreter
    let main_vm = {
        let mut ts = g.threads.borrow_mut();
        ts.iter_mut().find(|t| t.ident == me).and_then(|t| {
            t.done = false;
            t.wait = Wait::Ready;
            t.vm.take()
        })
    };
    if let Some(m) = main_vm {
        *vm = *m;
    }
    g.pinned.borrow_mut().insert(0, me);
    let r = g.main_result.borrow_mut().take();
    r.unwrap_or_else(|| Err(vm.system_error("main thread lost")))
}

enum Choice {
    /// run this thread's slice
    Run(u64),
    /// the waiting thread itself was picked
    Me,
    /// everybody waits for a deadline: time passed (host sleep or virtual clock)
    Idle,
    /// nothing can run and nothing has a deadline
    Stuck,
}

/// One scheduling decision among the ready threads (threads pinned on the Rust stack are
/// not candidates, except `me`, the innermost, whose Rust frames are on top).
fn choose(vm: &mut Vm, g: &Green, me: Option<u64>, why: Why) -> Choice {
    let port = vm.shared.port;
    let now = g.now(port);
    let mut ready: Vec<u64> = Vec::new();
    let mut earliest: Option<u64> = None;
    {
        let pinned = g.pinned.borrow();
        for t in g.threads.borrow().iter() {
            if t.done || (Some(t.ident) != me && pinned.contains(&t.ident)) {
                continue;
            }
            if t.wait.satisfied(now) {
                ready.push(t.ident);
            } else if let Some(d) = t.wait.deadline() {
                earliest = Some(earliest.map_or(d, |e: u64| e.min(d)));
            }
        }
    }
    if ready.is_empty() {
        return match earliest {
            Some(d) => {
                match &g.clock {
                    Some(c) => c.set(c.get().max(d)),
                    None => port.sleep_us(d.saturating_sub(now).min(IDLE_CHUNK_US)),
                }
                Choice::Idle
            }
            None => Choice::Stuck,
        };
    }
    let i = g.schedule.borrow_mut().pick(&ready, g.current.get(), why);
    let next = ready[i.min(ready.len() - 1)];
    g.last.set((g.current.replace(next), why));
    if Some(next) == me {
        g.start_slice(vm, port);
        g.record();
        emit_switch(vm, g);
        return Choice::Me;
    }
    Choice::Run(next)
}

/// Kills, deadlocks and Ctrl-C reach suspended threads: they are made ready, and the
/// blocking call they retry checks the signals first.
fn wake_on_signals(g: &Green, shared: &crate::interp::Shared) {
    if shared.deadlock.get() || shared.port.kill_requested() {
        wake_all(g);
        return;
    }
    let main_waits = g
        .threads
        .borrow()
        .iter()
        .any(|t| t.vm.as_ref().map(|v| v.is_main).unwrap_or(false));
    if main_waits && shared.port.take_interrupt() {
        g.interrupt.set(true);
        for t in g.threads.borrow_mut().iter_mut() {
            if t.vm.as_ref().map(|v| v.is_main).unwrap_or(false) {
                t.wait = Wait::Ready;
            }
        }
    }
}

fn wake_all(g: &Green) {
    for t in g.threads.borrow_mut().iter_mut() {
        t.wait = Wait::Ready;
    }
}

/// Run other threads until `me` (pinned on the Rust stack) may go on.
pub fn wait_in_place(vm: &mut Vm, wait: Wait, why: Why) -> PyResult<()> {
    let shared = vm.shared.clone();
    let g = match &shared.green {
        Some(g) => g,
        None => return Ok(()),
    };
    let me = vm.ident;
    g.pinned.borrow_mut().push(me);
    set_wait(g, me, wait);
    let mut why = why;
    let r = loop {
        wake_on_signals(g, &shared);
        if let Err(e) = vm.check_signals() {
            break Err(e);
        }
        match choose(vm, g, Some(me), why) {
            Choice::Me => break Ok(()),
            Choice::Run(next) => why = run_slice(vm, g, next),
            Choice::Idle => {}
            Choice::Stuck => {
                crate::modules::thread::check_deadlock(vm);
                if let Err(e) = vm.check_signals() {
                    break Err(e);
                }
                break Err(vm.runtime_error(
                    "can't wait here: this thread waits inside a call from native code (a \
                     key function, __eq__, __repr__, a property...) for a thread that is \
                     suspended below it on the host stack; with green threads, block in \
                     plain Python code",
                ));
            }
        }
    };
    set_wait(g, me, Wait::Ready);
    unpin(g, me);
    r
}

fn unpin(g: &Green, ident: u64) {
    let mut p = g.pinned.borrow_mut();
    if let Some(i) = p.iter().rposition(|&t| t == ident) {
        p.remove(i);
    }
}

/// A `Switch` trace event for the thread `vm` the scheduler picked (not when it goes on).
fn emit_switch(vm: &Vm, g: &Green) {
    let (prev, why) = g.last.get();
    if prev != vm.ident {
        vm.emit(crate::trace::EventKind::Switch { prev, why });
    }
}

fn set_wait(g: &Green, ident: u64, wait: Wait) {
    if let Some(t) = g.threads.borrow_mut().iter_mut().find(|t| t.ident == ident) {
        t.wait = wait;
    }
}

/// Run one slice of the suspended thread `ident`; says why it stopped.
fn run_slice(host: &mut Vm, g: &Green, ident: u64) -> Why {
    let (vm, start) = {
        let mut ts = g.threads.borrow_mut();
        let t = match ts.iter_mut().find(|t| t.ident == ident) {
            Some(t) => t,
            None => return Why::Exited,
        };
        t.wait = Wait::Ready;
        (t.vm.take(), t.start.take())
    };
    let mut vm = match vm {
        Some(v) => v,
        None => return Why::Exited,
    };
    let port = host.shared.port;
    g.start_slice(&mut vm, port);
    g.record();
    emit_switch(&vm, g);
    g.pinned.borrow_mut().push(ident);
    let r = match start {
        Some(Start::Call { func, args, kwargs }) => vm.green_start(func, args, kwargs),
        Some(Start::Code {
            code,
            globals,
            locals,
        }) => vm.green_start_code(code, globals, locals),
        None => vm.green_resume(),
    };
    unpin(g, ident);
    match r {
        Ok(Exit::Switch) => {
            let wait = vm.switch_req.take().unwrap_or(Wait::Ready);
            let why = match wait {
                Wait::Ready => Why::SliceEnd,
                _ => Why::Blocked,
            };
            if let Some(t) = g.threads.borrow_mut().iter_mut().find(|t| t.ident == ident) {
                t.wait = wait;
                t.vm = Some(vm);
            }
            why
        }
        r if vm.is_main => {
            // the program ended: its Vm waits for run_main to take it back
            let r = r.map(|e| match e {
                Exit::Return(v) | Exit::Yield(v) => v,
                Exit::Switch => Value::None,
            });
            *g.main_result.borrow_mut() = Some(r);
            if let Some(t) = g.threads.borrow_mut().iter_mut().find(|t| t.ident == ident) {
                t.done = true;
                t.vm = Some(vm);
            }
            Why::Exited
        }
        r => {
            let r = r.map(|_| Value::None);
            let func = vm.green_func.take().unwrap_or(Value::None);
            crate::modules::thread::thread_finished(&mut vm, &func, r);
            g.threads.borrow_mut().retain(|t| t.ident != ident);
            let id = vm.ident;
            vm.shared.waits.borrow_mut().retain(|w| w.ident != id);
            drop(vm);
            Why::Exited
        }
    }
}

/// Run the threads left over from programs that have ended (daemons, bare `_thread`
/// threads) while the embedder is idle: a board's REPL waiting for input. Runs slices for
/// about `budget_us` of host time (a slice that started goes to its end). Returns true if
/// a thread is ready or sleeping (call again soon); false if none is left or all wait for
/// locks nobody running can release.
pub fn run_idle(vm: &mut Vm, budget_us: u64) -> bool {
    let shared = vm.shared.clone();
    let g = match &shared.green {
        Some(g) if !g.bottom.get() => g,
        _ => return false,
    };
    let port = shared.port;
    let t0 = port.ticks_us();
    let mut why = Why::SliceEnd;
    loop {
        if g.live() <= 1 {
            return false;
        }
        wake_on_signals(g, &shared);
        // the main thread is pinned (not in `run_main`), so it is not a candidate
        match choose(vm, g, None, why) {
            Choice::Run(next) => why = run_slice(vm, g, next),
            Choice::Idle => {}
            Choice::Stuck | Choice::Me => return false,
        }
        if port.ticks_us().saturating_sub(t0) >= budget_us {
            return g.live() > 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// More schedules (issue 6): PCT priorities, recording and replay

/// One recorded call into a schedule: a `pick` (the thread chosen) followed by its `slice`,
/// or a `slice` alone (a thread running alone starts a new slice without a choice).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// the thread picked (`None`: a slice without a pick)
    pub thread: Option<u64>,
    /// the slice length in ticks
    pub ticks: u32,
}

/// Most steps a recording keeps; a longer run has no replay string.
pub const MAX_STEPS: usize = 1_000_000;

/// Wraps a deterministic schedule and records every answer it gives, so that the run can be
/// replayed from the string (`replay:...`) even when the schedule was not seeded.
pub struct Recorder<S: Schedule> {
    inner: S,
    steps: Vec<Step>,
    /// the thread of a pick whose slice has not been asked for yet
    picked: Option<u64>,
    overflow: bool,
}

impl<S: Schedule> Recorder<S> {
    pub fn new(inner: S) -> Recorder<S> {
        Recorder {
            inner,
            steps: Vec::new(),
            picked: None,
            overflow: false,
        }
    }
}

impl<S: Schedule> Schedule for Recorder<S> {
    fn pick(&mut self, ready: &[u64], current: u64, why: Why) -> usize {
        let i = self.inner.pick(ready, current, why);
        self.picked = Some(ready[i.min(ready.len() - 1)]);
        i
    }
    fn slice(&mut self, switch_interval_us: u64) -> Slice {
        let s = self.inner.slice(switch_interval_us);
        let ticks = match s {
            Slice::Ticks(n) => n,
            Slice::Micros(_) => {
                // host-time slices can't be replayed
                self.overflow = true;
                0
            }
        };
        if self.steps.len() < MAX_STEPS {
            self.steps.push(Step {
                thread: self.picked.take(),
                ticks,
            });
        } else {
            self.overflow = true;
        }
        s
    }
    fn virtual_time(&self) -> bool {
        self.inner.virtual_time()
    }
    fn replay_string(&self) -> Option<String> {
        if self.overflow {
            return None;
        }
        Some(format_replay(&self.steps))
    }
    fn diverged(&self) -> bool {
        self.inner.diverged()
    }
}

/// `replay:` then the steps, comma-separated: `T.N` (thread T picked, a slice of N ticks),
/// `.N` (a slice alone); `*K` after a step repeats it K times in all.
pub fn format_replay(steps: &[Step]) -> String {
    use core::fmt::Write;
    let mut out = String::from("replay:");
    let mut i = 0;
    while i < steps.len() {
        let s = steps[i];
        let mut n = 1;
        while i + n < steps.len() && steps[i + n] == s {
            n += 1;
        }
        if i > 0 {
            out.push(',');
        }
        if let Some(t) = s.thread {
            let _ = write!(out, "{t}");
        }
        let _ = write!(out, ".{}", s.ticks);
        if n > 1 {
            let _ = write!(out, "*{n}");
        }
        i += n;
    }
    out
}

/// Parse the steps of a replay string (after `replay:`).
pub fn parse_replay(text: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    if text.trim().is_empty() {
        return Ok(steps);
    }
    for item in text.split(',') {
        let item = item.trim();
        let bad = || alloc::format!("bad replay step '{item}' (expected THREAD.TICKS[*COUNT])");
        let (step, count) = match item.split_once('*') {
            Some((s, c)) => (s, c.parse::<usize>().map_err(|_| bad())?),
            None => (item, 1),
        };
        let (t, n) = step.split_once('.').ok_or_else(bad)?;
        let thread = if t.is_empty() {
            None
        } else {
            Some(t.parse::<u64>().map_err(|_| bad())?)
        };
        let ticks = n.parse::<u32>().map_err(|_| bad())?;
        if count == 0 || steps.len() + count > MAX_STEPS {
            return Err(bad());
        }
        for _ in 0..count {
            steps.push(Step { thread, ticks });
        }
    }
    Ok(steps)
}

/// Parse a `--schedule` value: `SEED` (an integer), `random:SEED`,
/// `pct:SEED[:DEPTH[:STEPS]]` or `replay:STEPS`.
pub fn parse_schedule(text: &str) -> Result<ScheduleChoice, String> {
    let int = |s: &str, what: &str| {
        s.trim()
            .parse::<u64>()
            .map_err(|_| alloc::format!("bad {what} '{s}' in schedule '{text}' (an integer)"))
    };
    if let Some(rest) = text.strip_prefix("replay:") {
        return parse_replay(rest).map(ScheduleChoice::Replay);
    }
    if let Some(rest) = text.strip_prefix("random:") {
        return int(rest, "seed").map(ScheduleChoice::Seeded);
    }
    if let Some(rest) = text.strip_prefix("pct:") {
        let mut parts = rest.split(':');
        let seed = int(parts.next().unwrap_or(""), "seed")?;
        let depth = match parts.next() {
            Some(d) => int(d, "depth")?.clamp(1, 1000) as u32,
            None => PCT_DEPTH,
        };
        let steps = match parts.next() {
            Some(d) => int(d, "step count")?.clamp(1, u32::MAX as u64) as u32,
            None => PCT_STEPS,
        };
        if parts.next().is_some() {
            return Err(alloc::format!(
                "bad schedule '{text}' (expected pct:SEED[:DEPTH[:STEPS]])"
            ));
        }
        return Ok(ScheduleChoice::Pct { seed, depth, steps });
    }
    int(text, "seed").map(ScheduleChoice::Seeded).map_err(|_| {
        alloc::format!(
            "bad schedule '{text}' (expected SEED, random:SEED, pct:SEED[:DEPTH[:STEPS]] or \
             replay:...)"
        )
    })
}

/// The `--schedule` string that runs `choice` again.
pub fn schedule_name(choice: &ScheduleChoice) -> String {
    match choice {
        ScheduleChoice::RoundRobin => String::from("round-robin"),
        ScheduleChoice::Seeded(s) => alloc::format!("{s}"),
        ScheduleChoice::Pct { seed, depth, steps } => alloc::format!("pct:{seed}:{depth}:{steps}"),
        ScheduleChoice::Replay(steps) => format_replay(steps),
    }
}

/// Default PCT depth (a bug of depth 2 or 3 needs one or two ordering changes).
pub const PCT_DEPTH: u32 = 3;
/// Default number of decisions over which PCT spreads its change points.
pub const PCT_STEPS: u32 = 1000;

/// PCT: each thread gets a random priority when the schedule first sees it (all above
/// `depth`); the highest-priority ready thread runs. At `depth - 1` change points, chosen
/// uniformly among the first `steps` decisions, the thread that ran last drops to a
/// priority below every initial one (`depth - 1 - i` at the i-th point). Slices are random
/// (1..=SEEDED_MAX_SLICE ticks), so change points fall anywhere in a thread's code.
pub struct Pct {
    rng: SplitMix64,
    /// (thread, priority)
    prio: Vec<(u64, u64)>,
    /// decision numbers where priorities change, ascending
    points: Vec<u32>,
    step: u32,
    changed: u32,
}

impl Pct {
    pub fn new(seed: u64, depth: u32, steps: u32) -> Pct {
        let mut rng = SplitMix64(seed ^ 0x5043_545f_5343_4844);
        let mut points: Vec<u32> = (1..depth.max(1))
            .map(|_| 1 + rng.below(steps.max(1) as u64) as u32)
            .collect();
        points.sort_unstable();
        Pct {
            rng,
            prio: Vec::new(),
            points,
            step: 0,
            changed: 0,
        }
    }

    fn priority(&mut self, thread: u64) -> u64 {
        if let Some(&(_, p)) = self.prio.iter().find(|(t, _)| *t == thread) {
            return p;
        }
        // initial priorities are above every change-point priority
        let p = 1_000_000 + (self.rng.next_u64() >> 24);
        self.prio.push((thread, p));
        p
    }
}

impl Schedule for Pct {
    fn pick(&mut self, ready: &[u64], current: u64, _why: Why) -> usize {
        self.step = self.step.saturating_add(1);
        while self.points.first() == Some(&self.step) {
            self.points.remove(0);
            self.changed += 1;
            let low = 1_000_000u64.saturating_sub(self.changed as u64);
            self.priority(current);
            if let Some(e) = self.prio.iter_mut().find(|(t, _)| *t == current) {
                e.1 = low;
            }
        }
        let mut best = 0;
        let mut best_p = 0;
        for (i, &t) in ready.iter().enumerate() {
            let p = self.priority(t);
            if p > best_p {
                best = i;
                best_p = p;
            }
        }
        best
    }
    fn slice(&mut self, _switch_interval_us: u64) -> Slice {
        Slice::Ticks(1 + self.rng.below(SEEDED_MAX_SLICE as u64) as u32)
    }
    fn virtual_time(&self) -> bool {
        true
    }
}

/// Replays recorded steps: the same threads picked, the same slice lengths. If the program
/// does something else (a recorded thread is not ready), it goes on with the first ready
/// thread and says so (`diverged`); after the recording ends, slices of
/// SEEDED_MAX_SLICE ticks round robin.
pub struct Replay {
    steps: Vec<Step>,
    next: usize,
    diverged: bool,
}

impl Replay {
    pub fn new(steps: Vec<Step>) -> Replay {
        Replay {
            steps,
            next: 0,
            diverged: false,
        }
    }
}

impl Schedule for Replay {
    fn pick(&mut self, ready: &[u64], current: u64, why: Why) -> usize {
        match self.steps.get(self.next) {
            Some(Step {
                thread: Some(t), ..
            }) => {
                let t = *t;
                match ready.iter().position(|&r| r == t) {
                    Some(i) => i,
                    None => {
                        self.diverged = true;
                        0
                    }
                }
            }
            Some(_) => {
                // the recording has a slice without a pick here
                self.diverged = true;
                0
            }
            None => RoundRobin.pick(ready, current, why),
        }
    }
    fn slice(&mut self, _switch_interval_us: u64) -> Slice {
        let s = self.steps.get(self.next).map(|s| s.ticks);
        self.next += 1;
        Slice::Ticks(s.unwrap_or(SEEDED_MAX_SLICE).max(1))
    }
    fn virtual_time(&self) -> bool {
        true
    }
    fn diverged(&self) -> bool {
        self.diverged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_strings_round_trip() {
        let steps = [
            Step {
                thread: Some(1),
                ticks: 4,
            },
            Step {
                thread: None,
                ticks: 34,
            },
            Step {
                thread: None,
                ticks: 34,
            },
            Step {
                thread: Some(12),
                ticks: 1,
            },
        ];
        let text = format_replay(&steps);
        assert_eq!(text, "replay:1.4,.34*2,12.1");
        assert_eq!(
            parse_schedule(&text),
            Ok(ScheduleChoice::Replay(steps.to_vec()))
        );
        assert_eq!(parse_schedule("7"), Ok(ScheduleChoice::Seeded(7)));
        assert_eq!(parse_schedule("random:7"), Ok(ScheduleChoice::Seeded(7)));
        let pct = parse_schedule("pct:9:2:50").unwrap();
        assert_eq!(
            pct,
            ScheduleChoice::Pct {
                seed: 9,
                depth: 2,
                steps: 50
            }
        );
        assert_eq!(schedule_name(&pct), "pct:9:2:50");
        for bad in [
            "",
            "x",
            "pct:",
            "pct:1:2:3:4",
            "replay:1.x",
            "replay:5",
            "replay:1.2*0",
        ] {
            assert!(parse_schedule(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn pct_runs_the_highest_priority_until_a_change_point() {
        let mut p = Pct::new(3, 2, 10);
        let change = p.points[0];
        let first = p.pick(&[1, 2], 1, Why::SliceEnd);
        let mut last = [1u64, 2][first];
        for step in 2..=12u32 {
            let i = p.pick(&[1, 2], last, Why::SliceEnd);
            let t = [1u64, 2][i];
            if step == change {
                assert_ne!(t, last, "the change point at {step} lowers {last}");
            } else {
                assert_eq!(t, last, "step {step}");
            }
            last = t;
        }
    }

    #[test]
    fn replay_follows_the_recording_and_notices_divergence() {
        let mut r = Replay::new(parse_replay("2.5,.7,1.3").unwrap());
        assert_eq!(r.pick(&[1, 2], 1, Why::SliceEnd), 1);
        assert_eq!(r.slice(0), Slice::Ticks(5));
        assert_eq!(r.slice(0), Slice::Ticks(7));
        assert!(!r.diverged());
        assert_eq!(r.pick(&[2, 3], 2, Why::SliceEnd), 0);
        assert!(r.diverged());
    }
}
