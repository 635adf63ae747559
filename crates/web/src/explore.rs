//! The page's Explore button: `weft_vm::explore` (the same engine as `weft explore`) driven
//! in slices from a worker of its own, so that the worker can post progress between slices
//! and the UI can stop it (by ending that worker: it has its own memory, nothing else is
//! touched).

use std::cell::RefCell;
use std::fmt::Write;

use wasm_bindgen::prelude::*;
use weft_vm::explore::{run_once, CapturePort, Explorer, Host, Script, Strategy};
use weft_vm::green::schedule_name;
use weft_vm::port::{FileSystem, Stream};

use crate::memfs::MemFs;

/// What an exploring run sees of the page: the host clock and an in-memory file system.
pub struct WebHost {
    fs: MemFs,
}

impl Host for WebHost {
    fn ticks_us(&self) -> u64 {
        crate::port::now_us()
    }

    fn time_ns(&self) -> u64 {
        (crate::host_wall_ms() * 1e6) as u64
    }

    fn fs(&self) -> Option<&dyn FileSystem> {
        Some(&self.fs)
    }
}

struct Exploration {
    port: &'static CapturePort<WebHost>,
    script: Script,
    ex: Explorer,
}

thread_local! {
    /// explorations started on this worker (index + 1 = handle)
    static EXPLORATIONS: RefCell<Vec<Exploration>> = const { RefCell::new(Vec::new()) };
}

fn now_s() -> i64 {
    (crate::host_wall_ms() / 1000.0) as i64
}

/// Start exploring a program; returns a handle for `explore_step`. `seed`: the first
/// seed (run i uses seed + i); `strategy`: random, pct or both; `depth`: PCT's depth.
#[wasm_bindgen]
pub fn explore_new(
    code: String,
    filename: String,
    argv: Vec<String>,
    path0: String,
    seed: &str,
    strategy: &str,
    depth: u32,
) -> Result<u32, String> {
    let seed = seed
        .trim()
        .parse::<u64>()
        .map_err(|_| format!("bad seed '{seed}' (an integer)"))?;
    let strategy = Strategy::parse(strategy)?;
    let port: &'static CapturePort<WebHost> = Box::leak(Box::new(CapturePort::new(WebHost {
        fs: MemFs::new(now_s),
    })));
    let script = Script {
        source: code,
        filename,
        argv,
        path: vec![path0],
        platform: "wasm32-green".into(),
    };
    EXPLORATIONS.with(|e| {
        let mut e = e.borrow_mut();
        e.push(Exploration {
            port,
            script,
            ex: Explorer::new(seed, strategy, depth),
        });
        Ok(e.len() as u32)
    })
}

/// Put a file into an exploration's file system (every run sees it).
#[wasm_bindgen]
pub fn explore_put_file(handle: u32, path: &str, bytes: &[u8]) {
    with(handle, |x| x.port.host().fs.put_file(path, bytes.to_vec()));
}

fn with<R>(handle: u32, f: impl FnOnce(&mut Exploration) -> R) -> Option<R> {
    EXPLORATIONS.with(|e| {
        e.borrow_mut()
            .get_mut((handle as usize).wrapping_sub(1))
            .map(f)
    })
}

/// A JSON string literal.
fn json_str(out: &mut String, s: &str) {
    weft_vm::modules::json::write_str(out, s, false);
}

/// Run schedules until `runs` have been tried in all, one fails (unless `keep_going`: then
/// failures are counted and the first is kept), or `budget_ms` of host time has passed (at
/// least one run). Returns the state as JSON: `{"tried", "failures",
/// "done", "failed": null | {"run", "schedule", "replay", "why", "status", "output":
/// [[stream, text], ...]}}` (stream 1 = stdout, 2 = stderr; `schedule` is the short form,
/// `pct:S:D:N` or a seed; `replay` the recorded decisions).
#[wasm_bindgen]
pub fn explore_step(handle: u32, runs: f64, budget_ms: f64, keep_going: bool) -> String {
    let start = crate::port::now_us();
    let budget_us = (budget_ms.max(0.0) * 1000.0) as u64;
    let runs = runs.max(0.0) as u64;
    with(handle, |x| {
        while (keep_going || x.ex.failed.is_none()) && x.ex.tried < runs {
            let c = x.ex.next_choice();
            let o = run_once(x.port, &x.script, c.clone());
            x.ex.record(c, o);
            if crate::port::now_us().saturating_sub(start) >= budget_us {
                break;
            }
        }
        let mut s = String::new();
        let done = (!keep_going && x.ex.failed.is_some()) || x.ex.tried >= runs;
        let _ = write!(
            s,
            "{{\"tried\":{},\"failures\":{},\"done\":{},\"failed\":",
            x.ex.tried, x.ex.failures, done
        );
        match &x.ex.failed {
            None => s.push_str("null"),
            Some(f) => {
                let _ = write!(s, "{{\"run\":{},\"schedule\":", f.run);
                json_str(&mut s, &schedule_name(&f.choice));
                s.push_str(",\"replay\":");
                match &f.outcome.replay {
                    Some(r) => json_str(&mut s, r),
                    None => s.push_str("null"),
                }
                s.push_str(",\"why\":");
                json_str(&mut s, &f.why);
                let _ = write!(s, ",\"status\":{},\"output\":[", f.outcome.status);
                for (i, (stream, bytes)) in f.outcome.output.iter().enumerate() {
                    if i > 0 {
                        s.push(',');
                    }
                    let n = if *stream == Stream::Stderr { 2 } else { 1 };
                    let _ = write!(s, "[{n},");
                    json_str(&mut s, &String::from_utf8_lossy(bytes));
                    s.push(']');
                }
                s.push_str("]}");
            }
        }
        s.push('}');
        s
    })
    .unwrap_or_else(|| "{\"error\":\"no such exploration\"}".into())
}
