//! The bridge end to end: `weft board` on one end of a socat pty link, `weft push` on the
//! other.
//!
//! - `cases`: a selection of `tests/cases` (the thread cases and the language cases that
//!   need no files, argv or stdin) pushed to the board, compared with native
//!   `weft` (stdout and exit status).
//! - `bench`: throughput of pushing a 64 KB script through a link paced at 115 200 baud by a
//!   relay here (10 bits per byte: 11 520 bytes/s each way), as a fraction of the line rate.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use crate::cases;
use crate::proc::{run_captured, Outcome};

/// A socat pty pair; the process is ended on drop.
struct Link {
    socat: Child,
    a: PathBuf,
    b: PathBuf,
}

impl Link {
    fn new(dir: &Path, name: &str) -> Result<Link, String> {
        let (a, b) = (dir.join(format!("{name}-a")), dir.join(format!("{name}-b")));
        let socat = Command::new("socat")
            .arg(format!("pty,raw,echo=0,link={}", a.display()))
            .arg(format!("pty,raw,echo=0,link={}", b.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("socat: {e} (cargo xtask setup installs it)"))?;
        let t0 = Instant::now();
        while !(a.exists() && b.exists()) {
            if t0.elapsed() > Duration::from_secs(10) {
                return Err("socat did not create its pty links".into());
            }
            thread::sleep(Duration::from_millis(20));
        }
        Ok(Link { socat, a, b })
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        let _ = self.socat.kill();
        let _ = self.socat.wait();
    }
}

/// `weft board --port PATH --root DIR`; ended on drop.
struct Board(Child);

impl Board {
    fn start(weft: &Path, port: &Path, root: &Path) -> Result<Board, String> {
        let child = Command::new(weft)
            .args(["board", "--port"])
            .arg(port)
            .arg("--root")
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("weft board: {e}"))?;
        let t0 = Instant::now();
        while !root.exists() {
            if t0.elapsed() > Duration::from_secs(10) {
                return Err("weft board did not start".into());
            }
            thread::sleep(Duration::from_millis(20));
        }
        Ok(Board(child))
    }
}

impl Drop for Board {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn scratch(name: &str) -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("weft-xtask-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}

/// Cases that can run on a board unchanged: no files, argv, stdin, `__file__`, imports of
/// helper modules next to the case (`_name.py`, `_pkg/`: not on the board). Exit statuses
/// (`sys.exit(N)`, 3 for a deadlock) and stderr of a successful run come back through Weft
/// framing (see `weft_bridge::device::Device::exec_finished`).
pub(crate) fn board_friendly(case: &Path, source: &str) -> bool {
    const OUT: &[&str] = &[
        "__file__",
        "argv",
        "open(",
        "input(",
        "stdin",
        "import os",
        "from os",
        "MICROPYPATH",
        "sys.path",
        "__name__",
    ];
    if OUT.iter().any(|w| source.contains(w)) {
        return false;
    }
    let Some(dir) = case.parent().and_then(|d| fs::read_dir(d).ok()) else {
        return true;
    };
    for e in dir.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let stem = name.strip_suffix(".py").unwrap_or(&name);
        if stem.starts_with('_') && source.contains(stem) {
            return false;
        }
    }
    true
}

/// Push the selected cases to a board and compare with native weft. True when all agree.
pub fn run_cases(weft: &Path, cases_root: &Path) -> Result<(), String> {
    let dir = scratch("bridge-cases")?;
    let link = Link::new(&dir, "link")?;
    let _board = Board::start(weft, &link.a, &dir.join("root"))?;
    let port = link.b.to_string_lossy().into_owned();
    let mut selected = Vec::new();
    for c in cases::discover(cases_root, None) {
        let top = c.name.split('/').next().unwrap_or("");
        if !matches!(top, "threads" | "thread_core" | "lang") || c.skip.is_some() {
            continue;
        }
        let src = fs::read_to_string(&c.path).unwrap_or_default();
        if board_friendly(&c.path, &src) {
            selected.push(c);
        }
    }
    let t0 = Instant::now();
    let (mut pass, mut skipped, mut fails) = (0, 0, Vec::new());
    for c in &selected {
        let cwd = c.path.parent().unwrap_or(Path::new("."));
        let file = c.path.to_string_lossy().into_owned();
        let native = run_captured(weft, &[&file], cwd, &[], c.timeout);
        if native.code.is_none() {
            // natively killed (timeout): nothing to compare
            skipped += 1;
            continue;
        }
        let board = run_captured(
            weft,
            &["push", "--port", &port, &file],
            cwd,
            &[],
            c.timeout + Duration::from_secs(10),
        );
        if board.stdout == native.stdout && board.code == native.code {
            pass += 1;
        } else {
            fails.push(mismatch(&c.name, &native, &board));
        }
    }
    for f in &fails {
        println!("FAIL {f}");
    }
    println!(
        "bridge: {pass} cases pushed to `weft board` agree with native weft, {} differ, {skipped} \
         skipped (no native exit status) — {:.1} s",
        fails.len(),
        t0.elapsed().as_secs_f64()
    );
    let _ = fs::remove_dir_all(&dir);
    if fails.is_empty() {
        Ok(())
    } else {
        Err(format!("{} cases differ through the bridge", fails.len()))
    }
}

/// Bytes per second of a 115 200 baud line (8N1: 10 bits per byte).
const LINE_RATE: f64 = 115_200.0 / 10.0;

/// Copy `from` → `to`, no faster than the line rate, until `stop`: each byte is written when
/// the line would have finished carrying it. The line counts as idle only when the relay had
/// to wait for data (a read that blocked); a relay thread that was merely descheduled on a
/// busy machine catches up, as a UART with a FIFO would have kept sending.
fn paced_copy(mut from: fs::File, mut to: fs::File, stop: Arc<AtomicBool>) {
    let byte = Duration::from_secs_f64(1.0 / LINE_RATE);
    let mut line_free = Instant::now();
    let mut buf = [0u8; 4096];
    while !stop.load(Ordering::SeqCst) {
        let asked = Instant::now();
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        if asked.elapsed() > Duration::from_millis(1) {
            line_free = line_free.max(Instant::now());
        }
        for &b in &buf[..n] {
            line_free += byte;
            let now = Instant::now();
            if line_free > now {
                thread::sleep(line_free - now);
            }
            if to.write_all(&[b]).is_err() {
                return;
            }
        }
    }
}

fn open_rw(p: &Path) -> Result<fs::File, String> {
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(p)
        .map_err(|e| format!("{}: {e}", p.display()))
}

/// Time `weft push` of a 64 KB script and of a tiny one over the paced link; the difference
/// is the transfer (both pay the same start-up, soft reset and prompt round trips).
pub fn bench(weft: &Path) -> Result<(), String> {
    let dir = scratch("bridge-bench")?;
    let board_link = Link::new(&dir, "board")?;
    let host_link = Link::new(&dir, "host")?;
    let _board = Board::start(weft, &board_link.a, &dir.join("root"))?;
    let stop = Arc::new(AtomicBool::new(false));
    // host-b ⇄ relay ⇄ board-b, each direction paced
    let (h, b) = (open_rw(&host_link.a)?, open_rw(&board_link.b)?);
    let (h2, b2) = (
        h.try_clone().map_err(|e| e.to_string())?,
        b.try_clone().map_err(|e| e.to_string())?,
    );
    {
        let s = stop.clone();
        thread::spawn(move || paced_copy(h, b2, s));
        let s = stop.clone();
        thread::spawn(move || paced_copy(b, h2, s));
    }
    let port = host_link.b.to_string_lossy().into_owned();

    let mut big = String::from("total = 0\n");
    let mut i = 0;
    while big.len() < 65536 - 300 {
        big.push_str(&format!(
            "total += {i}  # a line of a long script, padded like real code is\n"
        ));
        i += 1;
    }
    big.push_str("print('total', total)\n");
    while big.len() < 65535 {
        big.push('#');
    }
    big.push('\n');
    let big_path = dir.join("big.py");
    fs::write(&big_path, &big).map_err(|e| e.to_string())?;
    let tiny_path = dir.join("tiny.py");
    fs::write(&tiny_path, "print('total', 0)\n").map_err(|e| e.to_string())?;

    let push = |p: &Path| -> Result<f64, String> {
        let file = p.to_string_lossy().into_owned();
        let o = run_captured(
            weft,
            &["push", "--port", &port, &file],
            &dir,
            &[],
            Duration::from_secs(60),
        );
        if o.code != Some(0) || !String::from_utf8_lossy(&o.stdout).starts_with("total") {
            return Err(format!(
                "push failed ({}): {}",
                o.ending(),
                String::from_utf8_lossy(&o.stderr)
            ));
        }
        Ok(o.elapsed.as_secs_f64())
    };
    let mut best_big = f64::MAX;
    let mut best_tiny = f64::MAX;
    for _ in 0..3 {
        best_tiny = best_tiny.min(push(&tiny_path)?);
        best_big = best_big.min(push(&big_path)?);
    }
    stop.store(true, Ordering::SeqCst);
    let transfer = best_big - best_tiny;
    let rate = big.len() as f64 / transfer;
    let line_time = big.len() as f64 / LINE_RATE;
    println!(
        "bridge: 64 KB script over a 115200-baud paced link: push {best_big:.2} s, tiny script \
         {best_tiny:.2} s → transfer {transfer:.2} s (line minimum {line_time:.2} s)"
    );
    println!(
        "bridge: throughput {rate:.0} bytes/s = {:.3} of the line rate ({LINE_RATE:.0} bytes/s; \
         target ≥ 0.9)",
        rate / LINE_RATE
    );
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}

/// How a case's run on a board differs from its native run: exit statuses, the first
/// difference in stdout and the board's last stderr line (shared with the QEMU board).
pub(crate) fn mismatch(name: &str, native: &Outcome, board: &Outcome) -> String {
    let err = String::from_utf8_lossy(&board.stderr);
    format!(
        "{}: native {} / board {}\n{}\n      {}",
        name,
        native.ending(),
        board.ending(),
        cases::compact_diff(&native.stdout, &board.stdout),
        err.lines().last().unwrap_or("")
    )
}
