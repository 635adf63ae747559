//! The schedule explorer's engine, shared by `weft explore` (crates/cli) and the page's
//! Explore button (crates/web): run a threaded program under many deterministic green-thread
//! schedules, each on a fresh interpreter whose console is memory ([`CapturePort`]), and stop
//! at the first run that fails: an exception escaping any thread, a deadlock, a non-zero exit
//! status, or output different from the first run's. The host only supplies what is
//! platform-specific ([`Host`]: clock, file system, "stop now") and drives the loop
//! ([`Explorer::next_choice`] / [`run_once`] / [`Explorer::record`]), so that it can report
//! progress, catch a panic or stop between runs its own way. See ARCHITECTURE.md,
//! "Exploring schedules".

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use crate::green::{ScheduleChoice, SplitMix64, PCT_DEPTH, PCT_STEPS};
use crate::port::{FileSystem, Port, Stream};
use crate::trace::{Event, EventKind};
use crate::{Config, Interp};

/// What the platform gives an exploring run. Runs use green threads on the calling host
/// thread only; their clock is virtual, so `ticks_us`/`time_ns` are only read for things
/// outside the schedule (the interpreter's start time).
pub trait Host: Sync {
    fn ticks_us(&self) -> u64;
    fn time_ns(&self) -> u64;
    /// only reached with host-time schedules, which exploring does not use
    fn sleep_us(&self, _us: u64) {}
    /// end the run in progress now (Ctrl-C, the page's Stop)
    fn kill_requested(&self) -> bool {
        false
    }
    fn fs(&self) -> Option<&dyn FileSystem> {
        None
    }
}

/// A port whose console is memory: what one run printed, in order, per stream; whose
/// `os.urandom` follows the run's seed (a run is reproducible as a whole); with tracing on
/// to see `Uncaught`/`Deadlock` events; and without host threads (the VM's green scheduler
/// runs every Python thread, so one host thread is the only one that ever touches it).
pub struct CapturePort<H: Host> {
    host: H,
    out: RefCell<Vec<(Stream, Vec<u8>)>>,
    rng: Cell<u64>,
    /// an exception escaped a thread's function (trace event `Uncaught`)
    uncaught: Cell<bool>,
    /// the deadlock detector fired (trace event `Deadlock`)
    deadlock: Cell<bool>,
}

// SAFETY: `Port` must be `Sync`, but a `CapturePort` hands out no host threads
// (`threads()` is `None`), so the interpreter calls it from the one host thread that runs
// the program; the explorer that owns it runs on that same thread.
unsafe impl<H: Host> Sync for CapturePort<H> {}

impl<H: Host> CapturePort<H> {
    pub fn new(host: H) -> CapturePort<H> {
        CapturePort {
            host,
            out: RefCell::new(Vec::new()),
            rng: Cell::new(0),
            uncaught: Cell::new(false),
            deadlock: Cell::new(false),
        }
    }

    pub fn host(&self) -> &H {
        &self.host
    }

    /// Forget the last run; `seed` seeds `os.urandom`.
    pub fn reset(&self, seed: u64) {
        self.out.borrow_mut().clear();
        self.rng.set(seed);
        self.uncaught.set(false);
        self.deadlock.set(false);
    }

    pub fn take_output(&self) -> Vec<(Stream, Vec<u8>)> {
        core::mem::take(&mut *self.out.borrow_mut())
    }
}

impl<H: Host> Port for CapturePort<H> {
    fn write(&self, stream: Stream, data: &[u8]) {
        let mut out = self.out.borrow_mut();
        match out.last_mut() {
            Some((s, buf)) if *s == stream => buf.extend_from_slice(data),
            _ => out.push((stream, data.to_vec())),
        }
    }

    fn read_line(&self, _prompt: &str) -> Option<String> {
        // no console input while exploring: input() sees end of file
        None
    }

    fn ticks_us(&self) -> u64 {
        self.host.ticks_us()
    }

    fn time_ns(&self) -> u64 {
        self.host.time_ns()
    }

    fn sleep_us(&self, us: u64) {
        self.host.sleep_us(us)
    }

    fn take_interrupt(&self) -> bool {
        false
    }

    fn kill_requested(&self) -> bool {
        self.host.kill_requested()
    }

    fn urandom(&self, buf: &mut [u8]) {
        let mut rng = SplitMix64(self.rng.get());
        for b in buf.iter_mut() {
            *b = rng.next_u64() as u8;
        }
        self.rng.set(rng.0);
    }

    fn fs(&self) -> Option<&dyn FileSystem> {
        self.host.fs()
    }

    fn trace(&self, event: &Event) {
        match event.kind {
            EventKind::Uncaught => self.uncaught.set(true),
            EventKind::Deadlock => self.deadlock.set(true),
            _ => {}
        }
    }
}

/// The seed `os.urandom` follows in a run under `choice` (0 for replays and round robin).
pub fn urandom_seed(choice: &ScheduleChoice) -> u64 {
    match choice {
        ScheduleChoice::Seeded(s) | ScheduleChoice::Pct { seed: s, .. } => *s,
        _ => 0,
    }
}

/// The program every run executes.
#[derive(Clone, Debug)]
pub struct Script {
    pub source: String,
    pub filename: String,
    pub argv: Vec<String>,
    pub path: Vec<String>,
    /// `sys.platform`
    pub platform: String,
}

/// What one run did.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub status: i32,
    /// console output, in order, consecutive writes to one stream joined
    pub output: Vec<(Stream, Vec<u8>)>,
    pub uncaught: bool,
    pub deadlock: bool,
    /// the recorded decisions (`replay:...`), when the run was short enough to keep them
    pub replay: Option<String>,
    /// scheduling decisions made
    pub decisions: usize,
}

impl Outcome {
    /// Everything written to one stream.
    pub fn stream(&self, which: Stream) -> Vec<u8> {
        let mut v = Vec::new();
        for (s, b) in &self.output {
            if *s == which {
                v.extend_from_slice(b);
            }
        }
        v
    }

    /// `threading` reports an exception that escaped a thread's `run` itself (its
    /// excepthook), so the `Uncaught` trace event only covers bare `_thread` threads.
    fn thread_report(&self) -> bool {
        let err = self.stream(Stream::Stderr);
        String::from_utf8_lossy(&err).lines().any(|l| {
            l.starts_with("Exception in thread ")
                || l.starts_with("Unhandled exception in thread started by ")
        })
    }

    /// Why the run failed (None: it did not), compared with the first run.
    pub fn failure(&self, first: Option<&Outcome>) -> Option<String> {
        if self.deadlock || self.status == crate::interp::DEADLOCK_STATUS {
            return Some("deadlock: every thread waits for a lock".into());
        }
        if self.uncaught || self.thread_report() {
            return Some("an exception escaped a thread".into());
        }
        if self.status != 0 {
            return Some(format!(
                "the program ended with status {} (an uncaught exception or a failed assert)",
                self.status
            ));
        }
        let first = first?;
        if self.stream(Stream::Stdout) != first.stream(Stream::Stdout) {
            return Some("its output differs from the first run's".into());
        }
        if self.stream(Stream::Stderr) != first.stream(Stream::Stderr) {
            return Some("its error output differs from the first run's".into());
        }
        None
    }
}

/// Run `script` once under `choice` on a fresh interpreter.
pub fn run_once<H: Host>(
    port: &'static CapturePort<H>,
    script: &Script,
    choice: ScheduleChoice,
) -> Outcome {
    port.reset(urandom_seed(&choice));
    let config = Config {
        platform: script.platform.clone(),
        trace: true,
        argv: script.argv.clone(),
        path: script.path.clone(),
        schedule: Some(choice),
        ..Config::default()
    };
    let mut interp = Interp::new(port, config);
    let status = interp.run_main(&script.source, &script.filename);
    let (replay, decisions) = match &interp.vm.shared.green {
        Some(g) => (g.schedule_string(), g.decisions.get()),
        None => (None, 0),
    };
    drop(interp);
    Outcome {
        status,
        output: port.take_output(),
        uncaught: port.uncaught.get(),
        deadlock: port.deadlock.get(),
        replay,
        decisions,
    }
}

/// Which schedules to try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    Random,
    Pct,
    /// random on even runs, PCT on odd ones
    Both,
}

impl Strategy {
    pub fn parse(s: &str) -> Result<Strategy, String> {
        match s {
            "random" => Ok(Strategy::Random),
            "pct" => Ok(Strategy::Pct),
            "both" => Ok(Strategy::Both),
            _ => Err(format!(
                "unknown strategy '{s}' (expected random, pct or both)"
            )),
        }
    }
}

/// The first failing run.
#[derive(Clone, Debug)]
pub struct Failure {
    /// 1-based number of the run
    pub run: u64,
    pub choice: ScheduleChoice,
    pub outcome: Outcome,
    pub why: String,
}

/// The loop over schedules: run `i` uses seed `seed + i`; PCT's STEPS is the number of
/// decisions of the first run that did not fail.
pub struct Explorer {
    pub seed: u64,
    pub strategy: Strategy,
    pub depth: u32,
    /// runs recorded so far
    pub tried: u64,
    pub failures: u64,
    pub first: Option<Outcome>,
    pub failed: Option<Failure>,
    pct_steps: u32,
}

impl Explorer {
    pub fn new(seed: u64, strategy: Strategy, depth: u32) -> Explorer {
        Explorer {
            seed,
            strategy,
            depth: depth.max(1),
            tried: 0,
            failures: 0,
            first: None,
            failed: None,
            pct_steps: PCT_STEPS,
        }
    }

    /// The schedule of run `i` (0-based).
    pub fn choice(&self, i: u64) -> ScheduleChoice {
        let seed = self.seed.wrapping_add(i);
        let pct = ScheduleChoice::Pct {
            seed,
            depth: self.depth,
            steps: self.pct_steps,
        };
        match self.strategy {
            Strategy::Random => ScheduleChoice::Seeded(seed),
            Strategy::Pct => pct,
            Strategy::Both if i.is_multiple_of(2) => ScheduleChoice::Seeded(seed),
            Strategy::Both => pct,
        }
    }

    /// The schedule of the next run.
    pub fn next_choice(&self) -> ScheduleChoice {
        self.choice(self.tried)
    }

    /// Count a finished run; returns why it failed (None: it passed). The first failure is
    /// kept in `failed`.
    pub fn record(&mut self, choice: ScheduleChoice, o: Outcome) -> Option<String> {
        self.tried += 1;
        if let Some(why) = o.failure(self.first.as_ref()) {
            self.failures += 1;
            if self.failed.is_none() {
                self.failed = Some(Failure {
                    run: self.tried,
                    choice,
                    outcome: o,
                    why: why.clone(),
                });
            }
            return Some(why);
        }
        if self.first.is_none() {
            self.pct_steps = o.decisions.clamp(1, u32::MAX as usize) as u32;
            self.first = Some(o);
        }
        None
    }
}

impl Default for Explorer {
    fn default() -> Explorer {
        Explorer::new(0, Strategy::Both, PCT_DEPTH)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::boxed::Box;
    use alloc::vec;

    struct NoHost;
    impl Host for NoHost {
        fn ticks_us(&self) -> u64 {
            0
        }
        fn time_ns(&self) -> u64 {
            0
        }
    }

    #[test]
    fn capture_port_groups_streams_in_order() {
        let p = CapturePort::new(NoHost);
        p.write(Stream::Stdout, b"a");
        p.write(Stream::Stdout, b"b");
        p.write(Stream::Stderr, b"e");
        p.write(Stream::Stdout, b"c");
        assert_eq!(
            p.take_output(),
            vec![
                (Stream::Stdout, b"ab".to_vec()),
                (Stream::Stderr, b"e".to_vec()),
                (Stream::Stdout, b"c".to_vec())
            ]
        );
    }

    fn outcome(status: i32, out: &str) -> Outcome {
        Outcome {
            status,
            output: vec![(Stream::Stdout, out.as_bytes().to_vec())],
            uncaught: false,
            deadlock: false,
            replay: None,
            decisions: 7,
        }
    }

    #[test]
    fn explorer_alternates_and_keeps_the_first_failure() {
        let mut e = Explorer::new(10, Strategy::Both, 2);
        assert_eq!(e.next_choice(), ScheduleChoice::Seeded(10));
        assert_eq!(e.record(e.next_choice(), outcome(0, "x")), None);
        // PCT spreads its change points over the first run's decisions
        assert_eq!(
            e.next_choice(),
            ScheduleChoice::Pct {
                seed: 11,
                depth: 2,
                steps: 7
            }
        );
        let why = e.record(e.next_choice(), outcome(0, "y")).unwrap();
        assert!(why.contains("differs"), "{why}");
        assert!(e.record(e.next_choice(), outcome(1, "x")).is_some());
        let f = e.failed.as_ref().unwrap();
        assert_eq!((f.run, e.tried, e.failures), (2, 3, 2));
    }

    #[test]
    fn runs_a_race_under_a_schedule_and_sees_failures() {
        let port: &'static CapturePort<NoHost> = Box::leak(Box::new(CapturePort::new(NoHost)));
        let script = |src: &str| Script {
            source: src.into(),
            filename: "t.py".into(),
            argv: vec!["t.py".into()],
            path: vec![],
            platform: "test".into(),
        };
        let ok = run_once(
            port,
            &script("import _thread\nprint('hi')\n"),
            ScheduleChoice::Seeded(3),
        );
        assert_eq!(ok.status, 0);
        assert_eq!(ok.stream(Stream::Stdout), b"hi\n");
        assert!(ok.replay.is_some());
        let bad = run_once(
            port,
            &script("import _thread\ndef f():\n    1/0\n_thread.start_new_thread(f, ())\nimport time\ntime.sleep(0.1)\n"),
            ScheduleChoice::Seeded(3),
        );
        assert_eq!(
            bad.failure(Some(&ok)).as_deref(),
            Some("an exception escaped a thread")
        );
        let dead = run_once(
            port,
            &script("import _thread\nl = _thread.allocate_lock()\nl.acquire()\nl.acquire()\n"),
            ScheduleChoice::Seeded(3),
        );
        assert!(dead.failure(None).unwrap().starts_with("deadlock"));
    }
}
