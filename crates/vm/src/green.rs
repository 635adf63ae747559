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
    /// Step mode: replay these steps, then ask the host (the learner) at every decision
    /// which thread runs and for how long (see [`Stepper`], [`Green::set_step_host`]).
    Step(Vec<Step>),
}

/// How long a slice lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slice {
    /// this many ticks (loop iterations, backward jumps, stores to globals/attributes/items)
    Ticks(u32),
    /// this much host time, checked every `vm::CHECK_INTERVAL` ticks
    Micros(u64),
    /// one line of the program: ends before the thread runs an instruction of another line
    /// of the program's own code (or the same line again, a one-line loop), when it blocks,
    /// or after LINE_MAX_TICKS ticks
    Line,
}

/// Most ticks a one-line slice runs (a line that loops long, `sum(range(10**9))`, still
/// ends).
pub const LINE_MAX_TICKS: u32 = 100_000;

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
    /// Step mode: does the schedule want to see every thread's state ([`View`]) before the
    /// next `pick`? Asked before each decision; `ready` as for `pick`.
    fn wants_view(&mut self, _ready: &[u64]) -> bool {
        false
    }
    /// The state of every thread at this decision (after `wants_view` said yes).
    fn set_view(&mut self, _view: View) {}
    /// Step mode: install the host that answers the decisions; false if this schedule
    /// does not ask one.
    fn set_host(&mut self, _host: Box<dyn StepHost>) -> bool {
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
    /// the program line it waits at while pinned (its `Vm` is then out of reach; step mode)
    line: u32,
    /// and the built-in function it waits in (`inside`)
    call: Option<String>,
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
    /// where the running one-line slice started (`Slice::Line`)
    line_from: Cell<LinePos>,
    /// threads that ended, with their names (shown as done in step mode's view; the
    /// first MAX_ENDED)
    ended: RefCell<Vec<(u64, Option<String>)>>,
}

/// A thread's place in the program's own code (frames of `<threading>` and other built-in
/// Python modules are skipped), for one-line slices and step mode's view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LinePos {
    /// the number of frames up to and including that frame (0: no frame of the program)
    depth: usize,
    line: u32,
    /// that frame's next instruction, when it is the top frame stopped between two
    /// instructions (usize::MAX: unknown); coming back to it means a one-line loop
    ip: usize,
    /// the thread has run an instruction other than `ip` since
    left: bool,
}

const NO_POS: LinePos = LinePos {
    depth: 0,
    line: 0,
    ip: usize::MAX,
    left: false,
};

/// Most ended threads step mode's view remembers.
const MAX_ENDED: usize = 1000;

/// Code of the program itself, not of a built-in module written in Python (`<threading>`,
/// `<queue>`): `-c` code (`<string>`) and a script read from stdin count as the program.
fn is_internal(filename: &str) -> bool {
    filename.starts_with('<') && filename != "<string>" && filename != "<stdin>"
}

/// The name of the `__main__` global bound to `value` (a lock in step mode's view).
fn global_name(shared: &crate::interp::Shared, value: &Value) -> Option<String> {
    let Value::Obj(o) = &shared.main_dict else {
        return None;
    };
    let Obj::Dict(d) = &**o else {
        return None;
    };
    let d = d.borrow();
    let name = d
        .entries()
        .find(|e| e.value.is(value))
        .and_then(|e| e.key.as_str().map(|k| String::from(k.as_str())));
    name
}

/// Where `vm` is in the program's code. `at_boundary`: the thread stopped between two
/// instructions of its top frame (suspended), so that frame's ip is the instruction to run
/// next; otherwise (pinned inside a call) every frame's ip is past its call.
fn user_pos(vm: &Vm, at_boundary: bool) -> LinePos {
    let n = vm.frames.len();
    for (i, f) in vm.frames.iter().enumerate().rev() {
        if is_internal(&f.code.filename) {
            continue;
        }
        if i + 1 == n && at_boundary {
            return LinePos {
                depth: n,
                line: f.code.line_at(f.ip),
                ip: f.ip,
                left: false,
            };
        }
        return LinePos {
            depth: i + 1,
            line: f.code.line_at(f.ip.saturating_sub(1)),
            ip: usize::MAX,
            left: false,
        };
    }
    NO_POS
}

/// The function of a built-in Python module (`Event.wait`, `Thread.join`) that the program's
/// code at `pos` called and the thread is in, if any.
fn inside(vm: &Vm, pos: LinePos) -> Option<String> {
    let f = vm.frames.get(pos.depth)?;
    if !is_internal(&f.code.filename) {
        return None;
    }
    f.code.qualname.as_str().map(|q| String::from(q.as_str()))
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
            ScheduleChoice::Step(steps) => Box::new(Recorder::new(Stepper::new(steps))),
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
                line: 0,
                call: None,
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
            line_from: Cell::new(NO_POS),
            ended: RefCell::new(Vec::new()),
        }
    }

    /// Step mode: the host that answers the decisions (the page's worker, the CLI's
    /// stdin). False if the schedule is not `ScheduleChoice::Step`.
    pub fn set_step_host(&self, host: Box<dyn StepHost>) -> bool {
        self.schedule.borrow_mut().set_host(host)
    }

    /// Every thread's state and line now (step mode's view; `me`: the pinned thread
    /// whose `Vm` is `vm`).
    fn view(&self, vm: &Vm, me: Option<u64>, ready: &[u64], why: Why) -> View {
        let shared = &vm.shared;
        let now = self.now(shared.port);
        let pinned = self.pinned.borrow();
        let names = shared.thread_names.borrow();
        let mut threads: Vec<ThreadView> = Vec::new();
        for t in self.threads.borrow().iter() {
            let (line, call) = if Some(t.ident) == me {
                let pos = user_pos(vm, false);
                (pos.line, inside(vm, pos))
            } else if t.start.is_some() {
                (0, None)
            } else {
                match &t.vm {
                    Some(v) => {
                        let pos = user_pos(v, !t.done);
                        (pos.line, inside(v, pos))
                    }
                    None => (t.line, t.call.clone()),
                }
            };
            let state = if t.done {
                ThreadState::Done
            } else if t.start.is_some() {
                ThreadState::NotStarted
            } else if ready.contains(&t.ident) {
                ThreadState::Ready
            } else if pinned.contains(&t.ident) && Some(t.ident) != me {
                ThreadState::Pinned
            } else {
                match &t.wait {
                    Wait::Ready => ThreadState::Ready,
                    Wait::Lock { lock, deadline } => {
                        let (id, owner) = crate::modules::thread::lock_id_owner(lock);
                        ThreadState::Lock {
                            id,
                            owner,
                            name: global_name(shared, lock),
                            timeout_us: deadline.map(|d| d.saturating_sub(now)),
                        }
                    }
                    Wait::Sleep { deadline } => ThreadState::Sleep {
                        us: deadline.saturating_sub(now),
                    },
                }
            };
            threads.push(ThreadView {
                ident: t.ident,
                name: names
                    .iter()
                    .find(|(i, _)| *i == t.ident)
                    .map(|(_, n)| n.clone()),
                line,
                call,
                state,
            });
        }
        for (ident, name) in self.ended.borrow().iter() {
            threads.push(ThreadView {
                ident: *ident,
                name: name.clone(),
                line: 0,
                call: None,
                state: ThreadState::Done,
            });
        }
        threads.sort_by_key(|t| t.ident);
        View {
            threads,
            ready: ready.to_vec(),
            current: self.current.get(),
            why,
            schedule: String::new(),
            decisions: self.decisions.get(),
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
            line: 0,
            call: None,
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

    /// `at_boundary`: `vm` stopped between two instructions (suspended), not inside a call.
    fn start_slice(&self, vm: &mut Vm, port: &dyn crate::port::Port, at_boundary: bool) {
        let s = self
            .schedule
            .borrow_mut()
            .slice(vm.shared.switch_interval_us.get());
        self.slice.set(s);
        self.slice_start.set(self.now(port));
        vm.ticks = match s {
            Slice::Ticks(n) => n.max(1),
            Slice::Micros(_) => crate::vm::CHECK_INTERVAL,
            Slice::Line => LINE_MAX_TICKS,
        };
        vm.slice_ticks = vm.ticks;
        vm.line_step = s == Slice::Line;
        if vm.line_step {
            self.line_from.set(user_pos(vm, at_boundary));
        }
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
        Slice::Ticks(_) | Slice::Line => true,
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
        g.start_slice(vm, shared.port, false);
        g.record();
    }
}

/// Before each instruction of a one-line slice (`Vm::line_step`): true when the slice is
/// over and the caller (the thread's loop, stopped before the instruction at `ip`, its
/// frame's ip synced) must return `Exit::Switch`; otherwise it goes on (maybe after other
/// threads ran in place). The slice ends at an instruction of the program's own code on
/// another line than where it started, or back at the instruction it started at after
/// running others (a loop on one line).
pub fn line_check(vm: &mut Vm, code: &CodeObject, ip: usize) -> PyResult<bool> {
    if is_internal(&code.filename) {
        return Ok(false);
    }
    let shared = vm.shared.clone();
    let g = match &shared.green {
        Some(g) => g,
        None => {
            vm.line_step = false;
            return Ok(false);
        }
    };
    let line = code.line_at(ip);
    let depth = vm.frames.len();
    let mut from = g.line_from.get();
    let end = if line != from.line {
        true
    } else if depth != from.depth {
        false
    } else if from.ip == usize::MAX {
        // the slice started inside a call: the loop check starts where it returned
        from.ip = ip;
        g.line_from.set(from);
        false
    } else if ip == from.ip {
        from.left
    } else {
        if !from.left {
            from.left = true;
            g.line_from.set(from);
        }
        false
    };
    if !end {
        return Ok(false);
    }
    vm.line_step = false;
    g.account(vm);
    if vm.native_depth == vm.suspend_depth {
        vm.switch_req = Some(Wait::Ready);
        return Ok(true);
    }
    wait_in_place(vm, Wait::Ready, Why::SliceEnd)?;
    Ok(false)
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
    // (a one-line slice ends with the program: what runs after is not stepped)
    vm.line_step = false;
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
    // (after a deadlock or a Stop the threads unwind: nobody is asked)
    let settled = vm.shared.deadlock.get() || port.kill_requested();
    let wants_view = !settled && g.schedule.borrow_mut().wants_view(&ready);
    if wants_view {
        let view = g.view(vm, me, &ready, why);
        g.schedule.borrow_mut().set_view(view);
    }
    let i = g.schedule.borrow_mut().pick(&ready, g.current.get(), why);
    let next = ready[i.min(ready.len() - 1)];
    g.last.set((g.current.replace(next), why));
    if Some(next) == me {
        g.start_slice(vm, port, false);
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
    let pos = user_pos(vm, false);
    let call = inside(vm, pos);
    if let Some(t) = g.threads.borrow_mut().iter_mut().find(|t| t.ident == me) {
        t.line = pos.line;
        t.call = call;
    }
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
    g.start_slice(&mut vm, port, true);
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
            let name = vm
                .shared
                .thread_names
                .borrow()
                .iter()
                .find(|(i, _)| *i == ident)
                .map(|(_, n)| n.clone());
            crate::modules::thread::thread_finished(&mut vm, &func, r);
            g.threads.borrow_mut().retain(|t| t.ident != ident);
            let mut ended = g.ended.borrow_mut();
            if ended.len() < MAX_ENDED {
                ended.push((ident, name));
            }
            drop(ended);
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
    /// the slice length in ticks; 0 (written `L`): one line (`Slice::Line`)
    pub ticks: u32,
}

/// `Step::ticks` of a one-line slice.
pub const LINE_STEP: u32 = 0;

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
            Slice::Ticks(n) => n.max(1),
            Slice::Line => LINE_STEP,
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
    fn wants_view(&mut self, ready: &[u64]) -> bool {
        self.inner.wants_view(ready)
    }
    fn set_view(&mut self, mut view: View) {
        if !self.overflow {
            view.schedule = format_replay(&self.steps);
        }
        self.inner.set_view(view)
    }
    fn set_host(&mut self, host: Box<dyn StepHost>) -> bool {
        self.inner.set_host(host)
    }
}

/// `replay:` then the steps, comma-separated: `T.N` (thread T picked, a slice of N ticks),
/// `.N` (a slice alone), `T.L` / `.L` (a slice of one line); `*K` after a step repeats it K
/// times in all.
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
        if s.ticks == LINE_STEP {
            out.push_str(".L");
        } else {
            let _ = write!(out, ".{}", s.ticks);
        }
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
        let bad = || {
            alloc::format!("bad replay step '{item}' (expected THREAD.TICKS[*COUNT] or THREAD.L)")
        };
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
        let ticks = match n {
            "L" => LINE_STEP,
            _ => match n.parse::<u32>() {
                Ok(t) if t != LINE_STEP => t,
                _ => return Err(bad()),
            },
        };
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
/// `pct:SEED[:DEPTH[:STEPS]]`, `replay:STEPS`, or `step` / `step:replay:STEPS` (step mode,
/// after replaying STEPS).
pub fn parse_schedule(text: &str) -> Result<ScheduleChoice, String> {
    if text == "step" {
        return Ok(ScheduleChoice::Step(Vec::new()));
    }
    if let Some(rest) = text.strip_prefix("step:") {
        return match parse_schedule(rest)? {
            ScheduleChoice::Replay(steps) => Ok(ScheduleChoice::Step(steps)),
            _ => Err(alloc::format!(
                "bad schedule '{text}' (step mode starts from a replay: step:replay:...)"
            )),
        };
    }
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
            "bad schedule '{text}' (expected SEED, random:SEED, pct:SEED[:DEPTH[:STEPS]], \
             replay:... or step[:replay:...])"
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
        ScheduleChoice::Step(steps) if steps.is_empty() => String::from("step"),
        ScheduleChoice::Step(steps) => alloc::format!("step:{}", format_replay(steps)),
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
        match s {
            Some(LINE_STEP) => Slice::Line,
            s => Slice::Ticks(s.unwrap_or(SEEDED_MAX_SLICE).max(1)),
        }
    }
    fn virtual_time(&self) -> bool {
        true
    }
    fn diverged(&self) -> bool {
        self.diverged
    }
}

// ---------------------------------------------------------------------------------------------
// Step mode: the host (a learner in the page, or stdin) plays the scheduler

/// What a thread is doing, as step mode shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThreadState {
    /// started but has not run yet
    NotStarted,
    /// can run
    Ready,
    /// waits for a lock: its id (as in trace events), the thread holding it (0: none yet),
    /// the global variable it is bound to, if any, and the time left of a timed wait
    Lock {
        id: u64,
        owner: u64,
        name: Option<String>,
        timeout_us: Option<u64>,
    },
    /// sleeps for this much longer (µs, virtual time)
    Sleep { us: u64 },
    /// waits inside native code below another thread on the host stack (can't be picked)
    Pinned,
    /// ended
    Done,
}

impl ThreadState {
    /// the word for JSON and the terminal
    pub fn name(&self) -> &'static str {
        match self {
            ThreadState::NotStarted => "new",
            ThreadState::Ready => "ready",
            ThreadState::Lock { .. } => "lock",
            ThreadState::Sleep { .. } => "sleep",
            ThreadState::Pinned => "pinned",
            ThreadState::Done => "done",
        }
    }
}

/// One thread in step mode's view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadView {
    pub ident: u64,
    /// the name `threading` gave it
    pub name: Option<String>,
    /// the line of the program it runs next (0: not started, or unknown)
    pub line: u32,
    /// the function of a built-in module it is in, called from that line (`Event.wait`)
    pub call: Option<String>,
    pub state: ThreadState,
}

/// Every thread at a decision of step mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// every thread (those that ended too), by ident
    pub threads: Vec<ThreadView>,
    /// the idents that can be picked
    pub ready: Vec<u64>,
    /// the thread that ran last, and why it stopped
    pub current: u64,
    pub why: Why,
    /// the decisions so far as a `replay:` string (empty when too long to keep)
    pub schedule: String,
    /// how many decisions were made so far
    pub decisions: usize,
}

fn json_str(out: &mut String, text: &str) {
    use core::fmt::Write;
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl View {
    /// One JSON object: `{"threads":[{"id":1,"name":null,"line":7,"state":"lock","lock":3,
    /// "owner":2,"lockName":"lock_a","timeoutUs":null},...],"ready":[1],"current":2,
    /// "why":"blocked","schedule":"replay:...","decisions":5}`.
    pub fn to_json(&self) -> String {
        use core::fmt::Write;
        let mut s = String::from("{\"threads\":[");
        for (i, t) in self.threads.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let _ = write!(s, "{{\"id\":{},\"name\":", t.ident);
            match &t.name {
                Some(n) => json_str(&mut s, n),
                None => s.push_str("null"),
            }
            let _ = write!(s, ",\"line\":{},\"call\":", t.line);
            match &t.call {
                Some(c) => json_str(&mut s, c),
                None => s.push_str("null"),
            }
            let _ = write!(s, ",\"state\":\"{}\"", t.state.name());
            match &t.state {
                ThreadState::Lock {
                    id,
                    owner,
                    name,
                    timeout_us,
                } => {
                    let _ = write!(s, ",\"lock\":{id},\"owner\":{owner},\"lockName\":");
                    match name {
                        Some(n) => json_str(&mut s, n),
                        None => s.push_str("null"),
                    }
                    match timeout_us {
                        Some(us) => {
                            let _ = write!(s, ",\"timeoutUs\":{us}");
                        }
                        None => s.push_str(",\"timeoutUs\":null"),
                    }
                }
                ThreadState::Sleep { us } => {
                    let _ = write!(s, ",\"us\":{us}");
                }
                _ => {}
            }
            s.push('}');
        }
        s.push_str("],\"ready\":[");
        for (i, r) in self.ready.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let _ = write!(s, "{r}");
        }
        let _ = write!(
            s,
            "],\"current\":{},\"why\":\"{}\",\"schedule\":",
            self.current,
            self.why.name()
        );
        json_str(&mut s, &self.schedule);
        let _ = write!(s, ",\"decisions\":{}}}", self.decisions);
        s
    }
}

/// The learner's answer at a decision of step mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepCmd {
    /// run this thread for one line (until it reaches another line of the program, or
    /// blocks, or ends)
    Line(u64),
    /// run this thread until it blocks or ends (slices of SEEDED_MAX_SLICE ticks)
    Run(u64),
    /// run every thread to the end (round robin, slices of SEEDED_MAX_SLICE ticks), unless
    /// the host asks to pause
    Resume,
}

impl StepCmd {
    /// Parse a command: `s T` / `step T` (one line), `r T` / `run T`, `c` / `resume`;
    /// a bare number T is `s T`.
    pub fn parse(text: &str) -> Option<StepCmd> {
        let mut words = text.split_whitespace();
        let verb = words.next()?;
        let arg = words.next().map(|w| w.parse::<u64>());
        if words.next().is_some() {
            return None;
        }
        match (verb, arg) {
            ("c" | "resume" | "continue", None) => Some(StepCmd::Resume),
            ("s" | "step", Some(Ok(t))) => Some(StepCmd::Line(t)),
            ("r" | "run", Some(Ok(t))) => Some(StepCmd::Run(t)),
            (n, None) => n.parse::<u64>().ok().map(StepCmd::Line),
            _ => None,
        }
    }
}

/// Who answers the decisions of step mode (the page's worker waiting for a click, the CLI
/// reading stdin, a test's script).
pub trait StepHost {
    /// Which thread runs next, and how far (`view.ready` lists the threads it can be).
    /// A thread that is not ready is replaced by the first ready one.
    fn decide(&mut self, view: &View) -> StepCmd;
    /// Asked at decisions while running on (`Run`, `Resume`): true to ask again at the
    /// next decision (the learner pressed Pause).
    fn pause_requested(&mut self) -> bool {
        false
    }
}

/// Step mode's schedule: replays `prefix` (a schedule opened from Explore or a shared
/// link), then asks its host at each decision. Deterministic (virtual time), and recorded
/// like any other, so a stepped run replays with `replay:`. Without a host it runs on as
/// after `Resume`.
pub struct Stepper {
    prefix: Replay,
    host: Option<Box<dyn StepHost>>,
    mode: Mode,
    view: Option<View>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// ask the host at the next decision
    Ask,
    /// one line of a thread was picked: its slices are lines
    Line,
    /// run this thread while it is ready
    Run(u64),
    /// run on, round robin
    Resume,
}

impl Stepper {
    pub fn new(prefix: Vec<Step>) -> Stepper {
        Stepper {
            prefix: Replay::new(prefix),
            host: None,
            mode: Mode::Ask,
            view: None,
        }
    }

    fn in_prefix(&self) -> bool {
        self.prefix.next < self.prefix.steps.len()
    }
}

impl Schedule for Stepper {
    fn wants_view(&mut self, ready: &[u64]) -> bool {
        if self.in_prefix() {
            return false;
        }
        let host = match &mut self.host {
            Some(h) => h,
            None => return false,
        };
        if let Mode::Run(t) = self.mode {
            if !ready.contains(&t) {
                self.mode = Mode::Ask;
            }
        }
        if matches!(self.mode, Mode::Run(_) | Mode::Resume) && host.pause_requested() {
            self.mode = Mode::Ask;
        }
        matches!(self.mode, Mode::Ask | Mode::Line)
    }
    fn set_view(&mut self, view: View) {
        self.view = Some(view);
    }
    fn set_host(&mut self, host: Box<dyn StepHost>) -> bool {
        self.host = Some(host);
        true
    }
    fn pick(&mut self, ready: &[u64], current: u64, why: Why) -> usize {
        if self.in_prefix() {
            return self.prefix.pick(ready, current, why);
        }
        let asked = match (self.view.take(), &mut self.host) {
            (Some(view), Some(host)) => Some(host.decide(&view)),
            _ => None,
        };
        let (mode, thread) = match (asked, self.mode) {
            (Some(StepCmd::Line(t)), _) => (Mode::Line, Some(t)),
            (Some(StepCmd::Run(t)), _) | (None, Mode::Run(t)) => (Mode::Run(t), Some(t)),
            (Some(StepCmd::Resume), _) | (None, _) => (Mode::Resume, None),
        };
        self.mode = mode;
        match thread.and_then(|t| ready.iter().position(|&r| r == t)) {
            Some(i) => i,
            None => RoundRobin.pick(ready, current, why),
        }
    }
    fn slice(&mut self, switch_interval_us: u64) -> Slice {
        if self.in_prefix() {
            return self.prefix.slice(switch_interval_us);
        }
        match self.mode {
            Mode::Ask | Mode::Line => Slice::Line,
            Mode::Run(_) | Mode::Resume => Slice::Ticks(SEEDED_MAX_SLICE),
        }
    }
    fn virtual_time(&self) -> bool {
        true
    }
    fn diverged(&self) -> bool {
        self.prefix.diverged()
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
        // one-line steps (step mode) and step mode's own forms
        let lines = parse_schedule("replay:2.L*2,.L,1.5").unwrap();
        assert_eq!(schedule_name(&lines), "replay:2.L*2,.L,1.5");
        assert_eq!(parse_schedule("step"), Ok(ScheduleChoice::Step(Vec::new())));
        let step = parse_schedule("step:replay:2.L,1.5").unwrap();
        assert_eq!(schedule_name(&step), "step:replay:2.L,1.5");
        assert!(parse_schedule("step:7").is_err());
        assert!(parse_schedule("replay:1.0").is_err());
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
