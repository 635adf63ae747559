//! `weft explore SCRIPT`: run a threaded program under many deterministic green-thread
//! schedules, in this process (a fresh interpreter per run, output kept in memory by
//! [`CapturePort`]), and stop at the first run that fails: an exception escaping any thread,
//! a deadlock, a non-zero exit status, or output different from the first run's. See
//! ARCHITECTURE.md, "Exploring schedules".

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use weft_vm::green::{schedule_name, ScheduleChoice, SplitMix64, PCT_STEPS};
use weft_vm::port::{FileSystem, Port, Stream};
use weft_vm::trace::{Event, EventKind};
use weft_vm::{Config, Interp};

use crate::args::ExploreArgs;
use crate::port::{interrupt_pending, OsFs};

/// A port whose console is memory: what one run printed, in order, per stream.
pub struct CapturePort {
    out: Mutex<Vec<(Stream, Vec<u8>)>>,
    fs: OsFs,
    start: Instant,
    /// `os.urandom` (and so `random`'s default seed) follows the run's seed: a run is
    /// reproducible as a whole
    rng: Mutex<SplitMix64>,
    /// an exception escaped a thread's function (trace event `Uncaught`)
    uncaught: AtomicBool,
    /// the deadlock detector fired (trace event `Deadlock`)
    deadlock: AtomicBool,
}

impl CapturePort {
    fn leak() -> &'static CapturePort {
        Box::leak(Box::new(CapturePort {
            out: Mutex::new(Vec::new()),
            fs: OsFs,
            start: Instant::now(),
            rng: Mutex::new(SplitMix64(0)),
            uncaught: AtomicBool::new(false),
            deadlock: AtomicBool::new(false),
        }))
    }

    /// Forget the last run; `seed` seeds `os.urandom`.
    fn reset(&self, seed: u64) {
        lock(&self.out).clear();
        *lock(&self.rng) = SplitMix64(seed);
        self.uncaught.store(false, Ordering::SeqCst);
        self.deadlock.store(false, Ordering::SeqCst);
    }

    fn take_output(&self) -> Vec<(Stream, Vec<u8>)> {
        std::mem::take(&mut *lock(&self.out))
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Port for CapturePort {
    fn write(&self, stream: Stream, data: &[u8]) {
        let mut out = lock(&self.out);
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
        self.start.elapsed().as_micros() as u64
    }

    fn time_ns(&self) -> u64 {
        crate::port::wall_time_ns()
    }

    fn sleep_us(&self, us: u64) {
        // only reached with host-time schedules, which explore does not use
        std::thread::sleep(Duration::from_micros(us.min(10_000)));
    }

    fn take_interrupt(&self) -> bool {
        false
    }

    fn kill_requested(&self) -> bool {
        // Ctrl-C ends the run in progress (every thread unwinds) and then the exploration
        interrupt_pending()
    }

    fn urandom(&self, buf: &mut [u8]) {
        let mut rng = lock(&self.rng);
        for b in buf.iter_mut() {
            *b = rng.next_u64() as u8;
        }
    }

    fn fs(&self) -> Option<&dyn FileSystem> {
        Some(&self.fs)
    }

    fn trace(&self, event: &Event) {
        match event.kind {
            EventKind::Uncaught => self.uncaught.store(true, Ordering::SeqCst),
            EventKind::Deadlock => self.deadlock.store(true, Ordering::SeqCst),
            _ => {}
        }
    }
}

/// What one run did.
struct Outcome {
    status: i32,
    output: Vec<(Stream, Vec<u8>)>,
    uncaught: bool,
    deadlock: bool,
    /// the recorded decisions (`replay:...`), when the run was short enough to keep them
    replay: Option<String>,
    /// scheduling decisions made
    decisions: usize,
}

impl Outcome {
    fn stream(&self, which: Stream) -> Vec<u8> {
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
    fn failure(&self, first: Option<&Outcome>) -> Option<String> {
        if self.deadlock || self.status == weft_vm::interp::DEADLOCK_STATUS {
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

struct Script {
    source: String,
    filename: String,
    argv: Vec<String>,
    path: Vec<String>,
}

fn run_once(port: &'static CapturePort, script: &Script, choice: ScheduleChoice) -> Outcome {
    let seed = match &choice {
        ScheduleChoice::Seeded(s) | ScheduleChoice::Pct { seed: s, .. } => *s,
        _ => 0,
    };
    port.reset(seed);
    let config = Config {
        platform: crate::platform(),
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
        uncaught: port.uncaught.load(Ordering::SeqCst),
        deadlock: port.deadlock.load(Ordering::SeqCst),
        replay,
        decisions,
    }
}

fn read_script(a: &ExploreArgs) -> Result<Script, String> {
    let script = a.args.first().ok_or("weft explore needs a script")?;
    let path = Path::new(script);
    let bytes = std::fs::read(path).map_err(|e| {
        let e = crate::port::os_error(&e);
        format!(
            "can't open file '{}': [Errno {}] {}",
            path.display(),
            e.errno,
            e.msg
        )
    })?;
    let source = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: invalid UTF-8 at byte {}",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(Script {
        source,
        filename: script.to_string_lossy().into_owned(),
        argv: a
            .args
            .iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect(),
        path: crate::sys_path(crate::script_dir(path)),
    })
}

/// The schedule of run `i`.
fn choice(a: &ExploreArgs, i: u64, pct_steps: u32) -> ScheduleChoice {
    let seed = a.seed.wrapping_add(i);
    let pct = ScheduleChoice::Pct {
        seed,
        depth: a.depth.max(1),
        steps: pct_steps,
    };
    match a.strategy.as_str() {
        "random" => ScheduleChoice::Seeded(seed),
        "pct" => pct,
        _ if i % 2 == 0 => ScheduleChoice::Seeded(seed),
        _ => pct,
    }
}

fn print_output(o: &Outcome) {
    let mut out = std::io::stdout().lock();
    for (s, b) in &o.output {
        if *s == Stream::Stdout {
            let _ = out.write_all(b);
        }
    }
    let _ = out.flush();
    let mut err = std::io::stderr().lock();
    for (s, b) in &o.output {
        if *s == Stream::Stderr {
            let _ = err.write_all(b);
        }
    }
}

pub fn run(a: &ExploreArgs) -> i32 {
    let script = match read_script(a) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("weft explore: {e}");
            return 2;
        }
    };
    crate::port::install_interrupt_handler();
    let port = CapturePort::leak();
    let started = Instant::now();
    let progress = !a.quiet;
    let tty = std::io::stderr().is_terminal();
    let mut last_report = Instant::now();
    let mut first: Option<Outcome> = None;
    let mut pct_steps = PCT_STEPS;
    let mut tried = 0u64;
    let mut failed: Option<(ScheduleChoice, Outcome, String)> = None;
    let mut failures = 0u64;
    let mut first_failed_at = 0u64;
    let mut interrupted = false;
    for i in 0..a.runs {
        let c = choice(a, i, pct_steps);
        let o = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_once(port, &script, c.clone())
        })) {
            Ok(o) => o,
            Err(_) => {
                eprintln!(
                    "weft explore: the interpreter failed (a bug in Weft) under schedule {}",
                    schedule_name(&c)
                );
                return 70;
            }
        };
        if interrupt_pending() {
            interrupted = true;
            break;
        }
        tried += 1;
        if let Some(why) = o.failure(first.as_ref()) {
            failures += 1;
            if failed.is_none() {
                first_failed_at = tried;
                failed = Some((c, o, why));
            }
            if !a.keep_going {
                break;
            }
            continue;
        }
        if first.is_none() {
            pct_steps = (o.decisions.max(1)).min(u32::MAX as usize) as u32;
            first = Some(o);
        }
        if progress && last_report.elapsed() >= Duration::from_secs(1) {
            last_report = Instant::now();
            let secs = started.elapsed().as_secs_f64();
            let line = format!(
                "weft explore: {tried} schedules, {:.0}/s, {failures} failed",
                tried as f64 / secs
            );
            if tty {
                eprint!("\r{line}");
            } else {
                eprintln!("{line}");
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    if progress && tty && last_report != started {
        eprint!("\r\x1b[K");
    }
    let rate = tried as f64 / secs.max(1e-9);
    let mut summary = format!("{tried} schedules tried in {secs:.2}s ({rate:.0}/s)");
    if a.keep_going {
        summary.push_str(&format!(", {failures} failed"));
    }
    if interrupted {
        crate::port::clear_interrupt();
        eprintln!("weft explore: interrupted; {summary}");
        return 130;
    }
    let (c, o, why) = match failed {
        None => {
            eprintln!("weft explore: {summary}; none failed");
            return 0;
        }
        Some(f) => f,
    };
    let name = schedule_name(&c);
    eprintln!("weft explore: run {first_failed_at} failed ({summary})");
    eprintln!("--- output of the failing run (schedule {name}) ---");
    print_output(&o);
    let file = script.filename.as_str();
    eprintln!("--- end of output ---");
    eprintln!("weft explore: reason: {why}");
    eprintln!("weft explore: replay it with: weft --schedule {name} {file}");
    if let Some(r) = &o.replay {
        eprintln!(
            "weft explore: or with its recorded decisions ({} chars): weft --schedule '{r}' {file}",
            r.len()
        );
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_port_groups_streams_in_order() {
        let p = CapturePort::leak();
        p.write(Stream::Stdout, b"a");
        p.write(Stream::Stdout, b"b");
        p.write(Stream::Stderr, b"e");
        p.write(Stream::Stdout, b"c");
        let o = p.take_output();
        assert_eq!(
            o,
            vec![
                (Stream::Stdout, b"ab".to_vec()),
                (Stream::Stderr, b"e".to_vec()),
                (Stream::Stdout, b"c".to_vec())
            ]
        );
    }
}
