//! `weft explore SCRIPT`: run a threaded program under many deterministic green-thread
//! schedules, in this process, and stop at the first run that fails. The engine (the loop
//! over schedules, the failure tests, the in-memory capture port) is
//! `weft_vm::explore`, shared with the page's Explore button; this file adds the terminal:
//! the script from disk, Ctrl-C, progress and the report. See ARCHITECTURE.md, "Exploring
//! schedules".

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use weft_vm::explore::{run_once, CapturePort, Explorer, Host, Outcome, Script, Strategy};
use weft_vm::green::schedule_name;
use weft_vm::port::{FileSystem, Stream};

use crate::args::ExploreArgs;
use crate::port::{interrupt_pending, OsFs};

/// The terminal's side of an exploring run: the real file system, Ctrl-C ends the run.
pub struct OsHost {
    fs: OsFs,
    start: Instant,
}

impl Host for OsHost {
    fn ticks_us(&self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }

    fn time_ns(&self) -> u64 {
        crate::port::wall_time_ns()
    }

    fn sleep_us(&self, us: u64) {
        std::thread::sleep(Duration::from_micros(us.min(10_000)));
    }

    fn kill_requested(&self) -> bool {
        // Ctrl-C ends the run in progress (every thread unwinds) and then the exploration
        interrupt_pending()
    }

    fn fs(&self) -> Option<&dyn FileSystem> {
        Some(&self.fs)
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
        platform: crate::platform(),
    })
}

fn print_output(o: &Outcome) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(&o.stream(Stream::Stdout));
    let _ = out.flush();
    let _ = std::io::stderr()
        .lock()
        .write_all(&o.stream(Stream::Stderr));
}

pub fn run(a: &ExploreArgs) -> i32 {
    let script = match read_script(a) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("weft explore: {e}");
            return 2;
        }
    };
    let strategy = match Strategy::parse(&a.strategy) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("weft explore: {e}");
            return 2;
        }
    };
    crate::port::install_interrupt_handler();
    let port: &'static CapturePort<OsHost> = Box::leak(Box::new(CapturePort::new(OsHost {
        fs: OsFs,
        start: Instant::now(),
    })));
    let started = Instant::now();
    let progress = !a.quiet;
    let tty = std::io::stderr().is_terminal();
    let mut last_report = Instant::now();
    let mut ex = Explorer::new(a.seed, strategy, a.depth);
    let mut interrupted = false;
    for _ in 0..a.runs {
        let c = ex.next_choice();
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
        if ex.record(c, o).is_some() && !a.keep_going {
            break;
        }
        if progress && last_report.elapsed() >= Duration::from_secs(1) {
            last_report = Instant::now();
            let secs = started.elapsed().as_secs_f64();
            let line = format!(
                "weft explore: {} schedules, {:.0}/s, {} failed",
                ex.tried,
                ex.tried as f64 / secs,
                ex.failures
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
    let tried = ex.tried;
    let rate = tried as f64 / secs.max(1e-9);
    let mut summary = format!("{tried} schedules tried in {secs:.2}s ({rate:.0}/s)");
    if a.keep_going {
        summary.push_str(&format!(", {} failed", ex.failures));
    }
    if interrupted {
        crate::port::clear_interrupt();
        eprintln!("weft explore: interrupted; {summary}");
        return 130;
    }
    let Some(f) = ex.failed else {
        eprintln!("weft explore: {summary}; none failed");
        return 0;
    };
    let name = schedule_name(&f.choice);
    eprintln!("weft explore: run {} failed ({summary})", f.run);
    eprintln!("--- output of the failing run (schedule {name}) ---");
    print_output(&f.outcome);
    let file = script.filename.as_str();
    eprintln!("--- end of output ---");
    eprintln!("weft explore: reason: {}", f.why);
    eprintln!("weft explore: replay it with: weft --schedule {name} {file}");
    if let Some(r) = &f.outcome.replay {
        eprintln!(
            "weft explore: or with its recorded decisions ({} chars): weft --schedule '{r}' {file}",
            r.len()
        );
    }
    1
}
