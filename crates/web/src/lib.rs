//! `weft-web`: Weft compiled to wasm32 with threads. Every Python thread runs in its own
//! Web Worker (browser) or `worker_threads` Worker (Node), all instances of one module over
//! one shared `WebAssembly.Memory`; the JavaScript side is `web/runtime/`.
//!
//! The JS host of each worker installs `globalThis.__weftHost` (see `web/runtime/worker.js`)
//! before the first call into wasm; the Rust side reaches the platform only through it:
//! console output, starting a thread (a request to the UI thread, which owns the Workers),
//! the clock, `input()` and random bytes.
//!
//! A *session* is one interpreter with its own port: its GIL, interrupt/kill flags, output
//! sequence numbers and in-memory file system. `run()` uses a fresh session per program, the
//! REPL keeps one.

mod explore;
pub mod memfs;
mod park;
mod port;

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use weft_vm::{Config, Interp, ReplOutcome};

pub use port::WebPort;

#[wasm_bindgen]
extern "C" {
    /// Console output: `seq` orders chunks of one session across workers.
    #[wasm_bindgen(js_namespace = __weftHost, js_name = write)]
    fn host_write(session: u32, seq: u32, thread: u32, stream: u32, text: &str);
    /// Ask the UI thread for a worker to run the boxed closure at `ptr` (`thread_entry`).
    #[wasm_bindgen(js_namespace = __weftHost, js_name = spawn)]
    fn host_spawn(session: u32, ptr: u32, thread: u32) -> bool;
    /// Microseconds on a clock shared by all workers (timeOrigin + performance.now()).
    #[wasm_bindgen(js_namespace = __weftHost, js_name = nowUs)]
    fn host_now_us() -> f64;
    /// Wall-clock milliseconds since the epoch (Date.now()).
    #[wasm_bindgen(js_namespace = __weftHost, js_name = wallMs)]
    fn host_wall_ms() -> f64;
    /// `input()`: blocks this worker until the UI answers; undefined at end of input.
    #[wasm_bindgen(js_namespace = __weftHost, js_name = readLine)]
    fn host_read_line(session: u32, prompt: &str) -> Option<String>;
    /// `n` random bytes (crypto.getRandomValues on an unshared buffer).
    #[wasm_bindgen(js_namespace = __weftHost, js_name = randomBytes)]
    fn host_random_bytes(n: u32) -> Vec<u8>;
    /// A scheduling event (`run(..., trace = true)`), as one JSON object. The worker batches
    /// them (one message per batch: one per event made lock-heavy programs ~30x slower).
    #[wasm_bindgen(js_namespace = __weftHost, js_name = event)]
    fn host_event(session: u32, json: &str);
    /// Step mode: show the threads (`green::View` as JSON) and block this worker until the
    /// learner answers with a command (`s T`, `r T`, `c`; see `green::StepCmd::parse`).
    #[wasm_bindgen(js_namespace = __weftHost, js_name = step)]
    fn host_step(session: u32, view: &str) -> String;
    /// Step mode: did the learner press Pause since the last call?
    #[wasm_bindgen(js_namespace = __weftHost, js_name = stepPaused)]
    fn host_step_paused(session: u32) -> bool;
    /// Post the batched events now (this worker is about to block).
    #[wasm_bindgen(js_namespace = __weftHost, js_name = flush)]
    fn host_flush();
}

/// Step mode's decisions go to the page (`schedule: "step"` or `"step:replay:..."`).
struct WebStepHost(u32);

impl weft_vm::green::StepHost for WebStepHost {
    fn decide(&mut self, view: &weft_vm::green::View) -> weft_vm::green::StepCmd {
        let answer = host_step(self.0, &view.to_json());
        weft_vm::green::StepCmd::parse(&answer).unwrap_or(weft_vm::green::StepCmd::Resume)
    }
    fn pause_requested(&mut self) -> bool {
        host_step_paused(self.0)
    }
}

/// The version string shown by `weft.version`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Make a rust panic (a bug in Weft) readable on stderr instead of a bare wasm trap.
#[wasm_bindgen]
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let text = format!(
            "weft: internal error (a bug in Weft, please report it): {}\n",
            info
        );
        host_write(0, u32::MAX, 0, 2, &text);
    }));
}

/// A new session (interpreter port) and its id. `green`: no host threads (one worker, the
/// VM schedules Python threads itself when the green backend is built in).
#[wasm_bindgen]
pub fn session_new(green: bool) -> u32 {
    WebPort::leak(green).id()
}

/// Byte address (in the shared memory) of the session's flags: three i32 words, interrupt,
/// kill, wake. The UI sets a flag, bumps `wake` and `Atomics.notify`s `wake` and the flag.
#[wasm_bindgen]
pub fn session_flags(session: u32) -> u32 {
    WebPort::get(session).map_or(0, |p| p.flags_addr())
}

/// The number of output chunks the session has produced so far (the UI waits for all of
/// them before reporting the end of a run).
#[wasm_bindgen]
pub fn session_output_count(session: u32) -> u32 {
    WebPort::get(session).map_or(0, |p| p.output_count())
}

/// The number of scheduling events the session has produced so far (the UI waits for all
/// of them, as for output, before reporting the end of a run).
#[wasm_bindgen]
pub fn session_event_count(session: u32) -> u32 {
    WebPort::get(session).map_or(0, |p| p.event_count())
}

/// Put a file into the session's file system (folders are made).
#[wasm_bindgen]
pub fn session_put_file(session: u32, path: &str, bytes: &[u8]) {
    if let Some(p) = WebPort::get(session) {
        p.memfs().put_file(path, bytes.to_vec());
    }
}

/// Read a file back from the session's file system.
#[wasm_bindgen]
pub fn session_get_file(session: u32, path: &str) -> Option<Vec<u8>> {
    WebPort::get(session).and_then(|p| p.memfs().get_file(path))
}

/// Make `dir` (and parents) and make it the current directory.
#[wasm_bindgen]
pub fn session_chdir(session: u32, dir: &str) {
    if let Some(p) = WebPort::get(session) {
        p.memfs().make_dirs(dir);
        let _ = weft_vm::port::FileSystem::chdir(p.memfs(), dir);
    }
}

fn config(port: &WebPort, argv: Vec<String>, path0: String, trace: bool) -> Config {
    Config {
        argv,
        path: vec![path0],
        trace,
        platform: if port.green() {
            "wasm32-green".into()
        } else {
            "wasm32-workers".into()
        },
        ..Config::default()
    }
}

/// Run a program as `__main__` in a session; returns the exit status (0, 1 after an
/// uncaught exception, 3 after a deadlock, the `SystemExit` code, 2 for a bad schedule).
/// Runs on the calling worker, which becomes Python's main thread. `trace`: scheduling
/// events go to the host. `schedule` (`SEED`, `random:SEED`, `pct:SEED[:DEPTH[:STEPS]]`,
/// `replay:...`, as `weft --schedule`): run the Python threads as green threads on this
/// worker under that deterministic schedule (the session should be a green one), with a
/// virtual clock and `os.urandom` following the seed: same schedule, same run, on every
/// machine. The recorded schedule is then `session_schedule(session)`.
#[wasm_bindgen]
pub fn run(
    session: u32,
    code: &str,
    filename: &str,
    argv: Vec<String>,
    path0: String,
    trace: bool,
    schedule: Option<String>,
) -> i32 {
    let Some(port) = WebPort::get(session) else {
        return 2;
    };
    port.enter_thread(1);
    let mut config = config(port, argv, path0, trace);
    if let Some(text) = schedule.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        match weft_vm::green::parse_schedule(text) {
            Ok(choice) => {
                port.seed_urandom(weft_vm::explore::urandom_seed(&choice));
                config.schedule = Some(choice);
            }
            Err(e) => {
                weft_vm::port::Port::write(port, weft_vm::port::Stream::Stderr, e.as_bytes());
                weft_vm::port::Port::write(port, weft_vm::port::Stream::Stderr, b"\n");
                return 2;
            }
        }
    }
    let deterministic = config.schedule.is_some();
    let mut interp = Interp::new(port, config);
    if let Some(g) = &interp.vm.shared.green {
        // (only a step schedule takes it)
        g.set_step_host(Box::new(WebStepHost(session)));
    }
    let status = interp.run_main(code, filename);
    if deterministic {
        let green = interp.vm.shared.green.as_ref();
        port.set_recorded(
            green.and_then(|g| g.schedule_string().map(|s| (s, g.schedule_diverged()))),
        );
    }
    if port.kill_flag() {
        return 130;
    }
    // daemon threads still running end now (a process exit would end them natively)
    port.end_threads();
    drop(interp);
    status
}

/// The recorded schedule (`replay:...`) of the session's last deterministic run, if it was
/// short enough to keep (`green::MAX_STEPS` decisions).
#[wasm_bindgen]
pub fn session_schedule(session: u32) -> Option<String> {
    WebPort::get(session)
        .and_then(|p| p.recorded())
        .map(|r| r.0)
}

/// Did the session's last run replay a `replay:` schedule that did not match the program?
#[wasm_bindgen]
pub fn session_schedule_diverged(session: u32) -> bool {
    WebPort::get(session)
        .and_then(|p| p.recorded())
        .is_some_and(|r| r.1)
}

thread_local! {
    /// The REPL's interpreter (lives on the REPL worker) and its pending lines.
    static REPL: RefCell<Option<(Interp, String)>> = const { RefCell::new(None) };
}

/// Start the REPL's interpreter in `session` on the calling worker; returns the banner.
#[wasm_bindgen]
pub fn repl_start(session: u32) -> String {
    let Some(port) = WebPort::get(session) else {
        return String::new();
    };
    port.enter_thread(1);
    let interp = Interp::new(
        port,
        config(port, vec![String::new()], String::new(), false),
    );
    REPL.with(|r| *r.borrow_mut() = Some((interp, String::new())));
    format!(
        "Weft {} (MicroPython-compatible) on {}",
        env!("CARGO_PKG_VERSION"),
        if port.green() {
            "wasm32-green"
        } else {
            "wasm32-workers"
        }
    )
}

/// Feed one REPL line. Returns -1 when more lines are needed ("... "), else runs the input
/// and returns 0 (or 1000 + status when the code raised `SystemExit`).
#[wasm_bindgen]
pub fn repl_push(line: &str) -> i32 {
    REPL.with(|r| {
        let mut r = r.borrow_mut();
        let Some((interp, buf)) = r.as_mut() else {
            return 0;
        };
        let first = buf.is_empty();
        if !first {
            buf.push('\n');
        }
        buf.push_str(line);
        if first && line.trim().is_empty() {
            buf.clear();
            return 0;
        }
        let block = buf
            .lines()
            .next()
            .is_some_and(weft_vm::repl_lines::starts_block)
            || buf.lines().any(weft_vm::repl_lines::opens_block);
        let complete = weft_vm::input_is_complete(buf);
        let empty = line.trim().is_empty();
        // complete and not inside a block, or a block ended by an empty line (which also
        // ends a block the parser still finds incomplete: it reports the error)
        let run_now = if block { empty && !first } else { complete };
        if !run_now {
            return -1;
        }
        let source = std::mem::take(buf);
        match interp.repl_exec(&source) {
            ReplOutcome::Done => 0,
            ReplOutcome::Exit(code) => 1000 + code,
        }
    })
}

/// Drop pending REPL lines (Ctrl-C at a "... " prompt).
#[wasm_bindgen]
pub fn repl_reset() {
    REPL.with(|r| {
        if let Some((_, buf)) = r.borrow_mut().as_mut() {
            buf.clear();
        }
    })
}

/// REPL completions for `text` (the attribute path before the cursor).
#[wasm_bindgen]
pub fn repl_complete(text: &str) -> Vec<String> {
    let start = text
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .map_or(0, |i| i + 1);
    let word = &text[start..];
    let (expr, prefix) = match word.rfind('.') {
        Some(i) => (&word[..i], &word[i + 1..]),
        None => ("", word),
    };
    REPL.with(|r| match r.borrow_mut().as_mut() {
        Some((interp, _)) => interp
            .complete(expr, prefix)
            .into_iter()
            .map(|n| format!("{}{}", &text[..text.len() - prefix.len()], n))
            .collect(),
        None => Vec::new(),
    })
}

/// The body of a worker asked to run a Python thread: `ptr` comes from `WebPort::spawn`.
#[wasm_bindgen]
pub fn thread_entry(ptr: u32) {
    port::run_spawned(ptr);
}
