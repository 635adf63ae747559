//! The QEMU virtual board: Weft's firmware (`firmware/qemu-virt`, the `weft-board` core on
//! QEMU's riscv32 `virt` machine with the ESP32-C3's instruction set and heap size) driven
//! through its serial pty by `weft push` / `weft fs`, as a real board would be.
//!
//! - `cargo xtask qemu`: build the firmware, start QEMU, print the pty to `weft connect` to.
//! - test step `board_cases`: the cases that fit a board, pushed to the QEMU board and
//!   compared with native `weft` (stdout and exit status).
//! - test step `board_proofs`: Ctrl-C over the line stops a script and all its threads; a
//!   soft reset ends them; 50 green threads contending on locks; `weft fs put/get`
//!   round-trip with hash check.
//! - `cargo xtask bench-board`: Pystone on the QEMU board beside native `weft`, as a ratio;
//!   free heap after boot and the image size.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::cases;
use crate::proc::{self, run_captured, Outcome};

pub const TARGET: &str = "riscv32imc-unknown-none-elf";

/// Cases left out on the board, by name prefix, and why. (Beyond these, `board_friendly`
/// in bridge.rs leaves out cases that need files next to them, argv, stdin or `__file__`,
/// which a board does not have.)
const SKIP: &[(&str, &str)] = &[
    // needs a host: subprocesses, the host's files, host threads' timing
    ("cli/", "runs the weft binary or reads host paths"),
    (
        "threads/file_io_threads.py",
        "writes files in the case's host folder",
    ),
    // deeper Python recursion than 300 KB of heap holds: the board raises MemoryError at
    // about 340 frames (natively RecursionError at 1000); MicroPython on an ESP32 stops
    // far earlier (its C stack)
    (
        "lang/rec_",
        "recursion 500-1000 deep: MemoryError at ~340 frames on 300 KB",
    ),
];

/// Cases that run on the board but are known not to fit its 300 KB heap (the ESP32-C3's),
/// by name prefix, and why. They still run every time: a failure among them is reported as a
/// known gap, a pass is reported so the entry can go, and a board that ends during one (a
/// firmware panic) is a failure: each must end in `MemoryError` with the board alive. What
/// each did in the last run is in its reason.
const TOO_BIG: &[(&str, &str)] = &[
    (
        "threads/switchinterval_long",
        "two loops fill one list with 60 000 items (960 KB of values): MemoryError",
    ),
    (
        "threads/many_threads",
        "50 threading.Thread objects alive at once (~2.5 KB each, ~3.3 KB more once \
         started) besides threading itself: MemoryError in Thread()",
    ),
    (
        "threads/blocking_call_forms",
        "18 threading.Threads: MemoryError in start()",
    ),
    (
        "threads/exec_threads",
        "6 threads compiling at once: MemoryErrors in the threads and the main thread",
    ),
    (
        "threads/gc_threads",
        "3000 reference cycles and no cycle collector (gc.collect() frees nothing): \
         MemoryErrors in the threads",
    ),
    (
        "threads/queue_producer_consumer",
        "6 threads and 600 tuples passed through a Queue (~112 bytes each): MemoryErrors in \
         the producers",
    ),
    (
        "threads/semaphore_pool",
        "12 threading.Threads: MemoryError in start()",
    ),
    (
        "threads/shared_mutation",
        "4 threads growing shared containers to 12 000 items: MemoryErrors in the threads",
    ),
    ("modules/json_more", "a 100 KB document: MemoryError"),
    (
        "modules/re_step_limit",
        "a 1M-instruction regex program and a 200 KB subject: MemoryError",
    ),
    (
        "thread_core/shared_mutation",
        "4 threads growing shared containers to 8000 items: MemoryErrors in the threads and \
         the main thread",
    ),
];

/// Most cases a QEMU board is given before it counts as hung: emulation is slower than the
/// host, so each case's own timeout is stretched by this factor.
const SLOWDOWN: u32 = 20;

// ---------------------------------------------------------------------------------------------
// Building and starting the board

/// `qemu-system-riscv32` (apt `qemu-system-misc`) and the firmware's rustup target.
pub fn setup_qemu() -> Result<(), String> {
    if proc::output_of(Command::new("qemu-system-riscv32").arg("--version")).is_some() {
        return Ok(());
    }
    crate::apt_install(
        "qemu-system-misc",
        "qemu-system-riscv32 runs the virtual board",
    )
}

/// Build the firmware (release); the ELF's path.
pub fn build_firmware(root: &Path, cargo: &str) -> Result<PathBuf, String> {
    let dir = root.join("firmware/qemu-virt");
    proc::run_inherit(
        Command::new(cargo)
            .args(["build", "--release", "--quiet"])
            .current_dir(&dir),
    )?;
    let elf = root.join(format!("target/{TARGET}/release/weft-qemu-virt"));
    if !elf.exists() {
        return Err(format!("the firmware build made no {}", elf.display()));
    }
    Ok(elf)
}

/// A running QEMU board; the process ends on drop.
pub struct Qemu {
    child: Child,
    pub pty: String,
}

impl Qemu {
    pub fn start(elf: &Path) -> Result<Qemu, String> {
        let mut child = Command::new("qemu-system-riscv32")
            .args([
                "-machine",
                "virt",
                "-cpu",
                "rv32,a=false,f=false,d=false",
                "-bios",
                "none",
                "-display",
                "none",
                "-monitor",
                "none",
                "-serial",
                "pty",
                "-kernel",
            ])
            .arg(elf)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("qemu-system-riscv32: {e} (cargo xtask setup installs it)"))?;
        // "char device redirected to /dev/pts/N (label serial0)"
        let out = child.stdout.take().ok_or("no stdout from qemu")?;
        let mut lines = BufReader::new(out).lines();
        let pty = loop {
            match lines.next() {
                Some(Ok(l)) => {
                    if let Some(rest) = l.split("redirected to ").nth(1) {
                        break rest.split_whitespace().next().unwrap_or("").to_string();
                    }
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err("qemu did not say which pty the serial port is on".into());
                }
            }
        };
        // keep draining QEMU's stdout so it never blocks on a full pipe
        thread::spawn(move || for _ in lines {});
        Ok(Qemu { child, pty })
    }

    /// Has QEMU ended (a firmware panic exits it with status 101)?
    pub fn ended(&mut self) -> Option<String> {
        match self.child.try_wait() {
            Ok(Some(st)) => Some(st.to_string()),
            Ok(None) => None,
            Err(e) => Some(e.to_string()),
        }
    }

    /// Wait until the board answers a raw-REPL command. What it said before the pty was
    /// opened is lost; `weft push` pokes the line (Ctrl-C, Ctrl-A) and waits for the raw
    /// REPL's banner. Returns the script's output (free heap in a fresh interpreter).
    pub fn wait_ready(&self, weft: &Path, dir: &Path) -> Result<String, String> {
        let probe = write(dir, "ready.py", "import gc\nprint(gc.mem_free())\n")?;
        let t0 = Instant::now();
        thread::sleep(Duration::from_millis(300));
        loop {
            let o = push(weft, &self.pty, &probe, &[], Duration::from_secs(10));
            if o.code == Some(0) {
                return Ok(text(&o.stdout).trim().to_string());
            }
            if t0.elapsed() > Duration::from_secs(60) {
                return Err(format!(
                    "the QEMU board did not answer within 60 s: {} {}",
                    o.ending(),
                    text(&o.stderr)
                ));
            }
            thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for Qemu {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `cargo xtask qemu`: build and start the board, print its pty, run until Ctrl-C.
pub fn serve(root: &Path, cargo: &str) -> Result<(), String> {
    setup_qemu()?;
    let elf = build_firmware(root, cargo)?;
    let q = Qemu::start(&elf)?;
    println!(
        "QEMU board (Weft firmware, riscv32imc, 300 KB heap) on {}",
        q.pty
    );
    println!("  weft connect --port {}      (Ctrl-] leaves)", q.pty);
    println!("  weft push --port {} script.py", q.pty);
    println!("  weft fs --port {} ls", q.pty);
    println!("Ctrl-C here stops the board.");
    let mut q = q;
    let _ = q.child.wait();
    Ok(())
}

fn scratch(name: &str) -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("weft-xtask-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}

fn push(weft: &Path, port: &str, script: &Path, extra: &[&str], limit: Duration) -> Outcome {
    let file = script.to_string_lossy().into_owned();
    let mut args = vec!["push", "--port", port];
    args.extend_from_slice(extra);
    args.push(&file);
    let cwd = script.parent().unwrap_or(Path::new("."));
    run_captured(weft, &args, cwd, &[], limit)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

// ---------------------------------------------------------------------------------------------
// The cases

/// Push the cases that fit a board to the QEMU board and compare with native weft.
pub fn run_cases(
    weft: &Path,
    cases_root: &Path,
    elf: &Path,
    filter: Option<&str>,
) -> Result<(), String> {
    let mut q = Qemu::start(elf)?;
    let dir = scratch("board-cases")?;
    q.wait_ready(weft, &dir)?;
    let mut selected = Vec::new();
    let mut skipped_listed = 0;
    for c in cases::discover(cases_root, filter) {
        let top = c.name.split('/').next().unwrap_or("");
        if !matches!(
            top,
            "threads" | "thread_core" | "lang" | "types" | "modules"
        ) || c.skip.is_some()
        {
            continue;
        }
        if SKIP.iter().any(|(p, _)| c.name.starts_with(p)) {
            skipped_listed += 1;
            continue;
        }
        let src = fs::read_to_string(&c.path).unwrap_or_default();
        if crate::bridge::board_friendly(&c.path, &src) {
            selected.push(c);
        }
    }
    let t0 = Instant::now();
    let (mut pass, mut skipped, mut fails) = (0, 0, Vec::new());
    let (mut known, mut fixed) = (Vec::new(), Vec::new());
    let too_big = |name: &str| {
        TOO_BIG
            .iter()
            .find(|(p, _)| name.starts_with(p))
            .map(|(_, why)| *why)
    };
    for c in &selected {
        let cwd = c.path.parent().unwrap_or(Path::new("."));
        let file = c.path.to_string_lossy().into_owned();
        let native = run_captured(weft, &[&file], cwd, &[], c.timeout);
        if native.code.is_none() {
            // natively killed (timeout): nothing to compare
            skipped += 1;
            continue;
        }
        let board = push(weft, &q.pty, &c.path, &[], c.timeout * SLOWDOWN);
        let crashed = q.ended();
        if let Some(st) = &crashed {
            // the board died (a firmware panic): a failure even for a program too big for
            // it, which must end in MemoryError with the board alive; the next case gets a
            // new board
            fails.push(format!(
                "{}: the QEMU board ended ({st}): {}",
                c.name,
                text(&board.stdout).lines().last().unwrap_or("")
            ));
            q = Qemu::start(elf)?;
            q.wait_ready(weft, &dir)?;
            continue;
        }
        if board.stdout == native.stdout && board.code == native.code {
            pass += 1;
            if too_big(&c.name).is_some() {
                fixed.push(c.name.clone());
            }
        } else {
            (if too_big(&c.name).is_some() {
                &mut known
            } else {
                &mut fails
            })
            .push(crate::bridge::mismatch(&c.name, &native, &board));
        }
        if too_big(&c.name).is_some() {
            // a program that ran out of heap can leave it fragmented (or, timed out, its
            // threads still running) past the soft reset: the next case gets a fresh board,
            // so a known gap does not fail the cases after it (a soft reset after running
            // out is not yet as good as a boot: ARCHITECTURE.md, "The firmware")
            drop(q);
            q = Qemu::start(elf)?;
            q.wait_ready(weft, &dir)?;
        }
    }
    for k in &known {
        let why = too_big(k).unwrap_or("");
        println!("KNOWN GAP ({why}) {}", k.lines().next().unwrap_or(""));
    }
    for f in &fixed {
        println!("NOW PASSES (remove it from board::TOO_BIG): {f}");
    }
    for f in &fails {
        println!("FAIL {f}");
    }
    if !known.is_empty() {
        println!(
            "board: {} cases known not to fit a 300 KB heap failed as expected (board::TOO_BIG)",
            known.len()
        );
    }
    println!(
        "board: {pass} cases pushed to the QEMU board agree with native weft, {} differ, \
         {skipped} skipped (no native exit status), {skipped_listed} left out \
         (board::SKIP) — {:.1} s",
        fails.len(),
        t0.elapsed().as_secs_f64()
    );
    if fails.is_empty() {
        Ok(())
    } else {
        Err(format!("{} cases differ on the QEMU board", fails.len()))
    }
}

// ---------------------------------------------------------------------------------------------
// The proofs

/// Ctrl-C, soft reset, 50 contending threads, fs round trip: each on the QEMU board.
pub fn proofs(weft: &Path, elf: &Path) -> Result<(), String> {
    let q = Qemu::start(elf)?;
    let dir = scratch("board-proofs")?;
    q.wait_ready(weft, &dir)?;
    let mut failed = Vec::new();
    let mut check = |name: &str, r: Result<String, String>| match r {
        Ok(what) => println!("ok   {name}: {what}"),
        Err(e) => {
            println!("FAIL {name}: {e}");
            failed.push(name.to_string());
        }
    };
    check(
        "ctrl-c stops a script and all its threads",
        ctrl_c(weft, &q.pty, &dir),
    );
    check(
        "soft reset ends the old program's threads",
        soft_reset(weft, &q.pty, &dir),
    );
    check(
        "50 green threads contending on locks",
        fifty_threads(weft, &q.pty, &dir),
    );
    check(
        "weft fs put/get round trip (sha-256 checked)",
        fs_round_trip(weft, &q.pty, &dir),
    );
    let _ = fs::remove_dir_all(&dir);
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed: {}", failed.join(", ")))
    }
}

fn write(dir: &Path, name: &str, content: &str) -> Result<PathBuf, String> {
    let p = dir.join(name);
    fs::write(&p, content).map_err(|e| e.to_string())?;
    Ok(p)
}

/// Threads busy, blocked on a lock and asleep; Ctrl-C (SIGINT to `weft push`, which
/// forwards it); then the counters they bump must stand still.
fn ctrl_c(weft: &Path, port: &str, dir: &Path) -> Result<String, String> {
    let script = write(
        dir,
        "busy.py",
        "import _thread, time\n\
         counts = [0, 0, 0]\n\
         held = _thread.allocate_lock()\n\
         held.acquire()\n\
         def busy(i):\n\
         \x20   while True:\n\
         \x20       counts[i] += 1\n\
         def sleepy(i):\n\
         \x20   while True:\n\
         \x20       counts[i] += 1\n\
         \x20       time.sleep(0.001)\n\
         def blocked():\n\
         \x20   held.acquire()\n\
         \x20   counts[0] = -1000000\n\
         _thread.start_new_thread(busy, (0,))\n\
         _thread.start_new_thread(busy, (1,))\n\
         _thread.start_new_thread(sleepy, (2,))\n\
         _thread.start_new_thread(blocked, ())\n\
         time.sleep(0.2)\n\
         print('start', flush=True)\n\
         while True:\n\
         \x20   pass\n",
    )?;
    let mut child = Command::new(weft)
        .args(["push", "--port", port])
        .arg(&script)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut out = child.stdout.take().ok_or("no stdout")?;
    let mut seen = Vec::new();
    let t0 = Instant::now();
    let mut buf = [0u8; 256];
    while !text(&seen).contains("start") {
        if t0.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            return Err("the script did not start".into());
        }
        let n = out.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            let _ = child.kill();
            return Err(format!("push ended early: {}", text(&seen)));
        }
        seen.extend_from_slice(&buf[..n]);
    }
    thread::sleep(Duration::from_millis(300));
    let pid = child.id().to_string();
    Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .map_err(|e| e.to_string())?;
    let t1 = Instant::now();
    let st = loop {
        if let Some(st) = child.try_wait().map_err(|e| e.to_string())? {
            break st;
        }
        if t1.elapsed() > Duration::from_secs(15) {
            let _ = child.kill();
            return Err("push did not end within 15 s of Ctrl-C".into());
        }
        thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    if st.code() != Some(1) || !err.contains("KeyboardInterrupt") {
        return Err(format!("push ended with {st}, stderr {err:?}"));
    }
    let stopped = t1.elapsed();
    // the same __main__ (no soft reset): the counters must not move any more
    let probe = write(
        dir,
        "probe.py",
        "import time\n\
         a = list(counts)\n\
         time.sleep(0.3)\n\
         print('moved' if counts != a else 'still', counts[0] >= 0)\n",
    )?;
    let o = push(weft, port, &probe, &["--no-reset"], Duration::from_secs(30));
    if text(&o.stdout) != "still True\n" {
        return Err(format!(
            "after Ctrl-C: {:?} {:?}",
            text(&o.stdout),
            text(&o.stderr)
        ));
    }
    Ok(format!(
        "push ended {:.2} s after SIGINT with KeyboardInterrupt; 4 threads (busy, asleep, \
         blocked) stood still afterwards",
        stopped.as_secs_f64()
    ))
}

/// A daemon thread keeps running after its script (idle board), until a soft reset.
fn soft_reset(weft: &Path, port: &str, dir: &Path) -> Result<String, String> {
    let ticker = write(
        dir,
        "ticker.py",
        "import _thread, time\n\
         def tick():\n\
         \x20   while True:\n\
         \x20       with open('/ticks.txt', 'a') as f:\n\
         \x20           f.write('.')\n\
         \x20       time.sleep(0.01)\n\
         _thread.start_new_thread(tick, ())\n\
         time.sleep(0.1)\n\
         print('ticking')\n",
    )?;
    let o = push(weft, port, &ticker, &[], Duration::from_secs(30));
    if text(&o.stdout) != "ticking\n" {
        return Err(format!(
            "ticker: {:?} {:?}",
            text(&o.stdout),
            text(&o.stderr)
        ));
    }
    let size = write(
        dir,
        "size.py",
        "import os, time\n\
         a = os.stat('/ticks.txt')[6]\n\
         time.sleep(0.3)\n\
         print(os.stat('/ticks.txt')[6] - a)\n",
    )?;
    // without a reset the thread still runs (the board is idle between commands)
    let o = push(weft, port, &size, &["--no-reset"], Duration::from_secs(30));
    let grew: i64 = text(&o.stdout)
        .trim()
        .parse()
        .map_err(|_| format!("size probe: {:?} {:?}", text(&o.stdout), text(&o.stderr)))?;
    if grew <= 0 {
        return Err("the daemon thread did not run while the board was idle".into());
    }
    // with the reset (weft push's default) it is gone
    let o = push(weft, port, &size, &[], Duration::from_secs(30));
    let after: i64 = text(&o.stdout)
        .trim()
        .parse()
        .map_err(|_| format!("size probe: {:?} {:?}", text(&o.stdout), text(&o.stderr)))?;
    if after != 0 {
        return Err(format!("the file still grew by {after} after a soft reset"));
    }
    Ok(format!(
        "the daemon wrote {grew} bytes in 0.3 s while the board was idle, 0 after the soft reset"
    ))
}

/// 50 green threads on `_thread` locks (`threading` itself does not fit: its code objects
/// keep about 200 KB, see ARCHITECTURE.md "The firmware").
fn fifty_threads(weft: &Path, port: &str, dir: &Path) -> Result<String, String> {
    let script = write(
        dir,
        "fifty.py",
        "import _thread, time\n\
         N, K = 50, 40\n\
         total = [0, 0]\n\
         a = _thread.allocate_lock()\n\
         b = _thread.allocate_lock()\n\
         gate = _thread.allocate_lock()\n\
         gate.acquire()\n\
         done = [0]\n\
         def work(i):\n\
         \x20   gate.acquire()\n\
         \x20   gate.release()\n\
         \x20   for k in range(K):\n\
         \x20       with a:\n\
         \x20           t = total[0]\n\
         \x20           if k % 7 == i % 7:\n\
         \x20               time.sleep(0)\n\
         \x20           total[0] = t + 1\n\
         \x20       with b:\n\
         \x20           with a:\n\
         \x20               total[1] += 1\n\
         \x20   with b:\n\
         \x20       done[0] += 1\n\
         for i in range(N):\n\
         \x20   _thread.start_new_thread(work, (i,))\n\
         gate.release()\n\
         while done[0] < N:\n\
         \x20   time.sleep(0.01)\n\
         print(total, done[0])\n",
    )?;
    let native = run_captured(
        weft,
        &[&script.to_string_lossy()],
        dir,
        &[],
        Duration::from_secs(60),
    );
    let o = push(weft, port, &script, &[], Duration::from_secs(120));
    let want = "[2000, 2000] 50\n";
    if text(&native.stdout) != want || text(&o.stdout) != want {
        return Err(format!(
            "native {:?}, board {:?} {:?}",
            text(&native.stdout),
            text(&o.stdout),
            text(&o.stderr)
        ));
    }
    Ok(format!(
        "50 threads released by one gate lock, 40 rounds each on two nested locks with \
         sleeps inside the critical section: [2000, 2000] as natively ({:.2} s on the board)",
        o.elapsed.as_secs_f64()
    ))
}

fn fs_round_trip(weft: &Path, port: &str, dir: &Path) -> Result<String, String> {
    // 24 KB of every byte value, in a pseudo-random order
    let mut data = Vec::with_capacity(24 * 1024);
    let mut x: u32 = 0x1234_5678;
    for _ in 0..24 * 1024 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data.push((x >> 24) as u8);
    }
    fs::write(dir.join("blob.bin"), &data).map_err(|e| e.to_string())?;
    // `weft fs` does not soft-reset: start from a fresh interpreter, as after `weft push`
    // (the heap the previous proof's program left behind is not this test's subject)
    let fresh = write(dir, "fresh.py", "pass\n")?;
    let o = push(weft, port, &fresh, &[], Duration::from_secs(30));
    if o.code != Some(0) {
        return Err(format!("reset: {}", text(&o.stderr)));
    }
    let run = |args: &[&str]| {
        let mut a = vec!["fs", "--port", port];
        a.extend_from_slice(args);
        run_captured(weft, &a, dir, &[], Duration::from_secs(120))
    };
    let o = run(&["mkdir", "/data"]);
    if o.code != Some(0) {
        return Err(format!("mkdir: {}", text(&o.stderr)));
    }
    let t0 = Instant::now();
    let o = run(&["put", "blob.bin", "/data/blob.bin"]);
    if o.code != Some(0) {
        return Err(format!("put: {} {}", text(&o.stdout), text(&o.stderr)));
    }
    let put_s = t0.elapsed().as_secs_f64();
    let o = run(&["ls", "/data"]);
    if !text(&o.stdout).contains("blob.bin") {
        return Err(format!("ls: {:?} {:?}", text(&o.stdout), text(&o.stderr)));
    }
    let _ = fs::remove_file(dir.join("back.bin"));
    let o = run(&["get", "/data/blob.bin", "back.bin"]);
    if o.code != Some(0) {
        return Err(format!("get: {} {}", text(&o.stdout), text(&o.stderr)));
    }
    let back = fs::read(dir.join("back.bin")).map_err(|e| e.to_string())?;
    if back != data {
        return Err(format!("got {} bytes back, not the same", back.len()));
    }
    let o = run(&["rm", "/data/blob.bin"]);
    if o.code != Some(0) {
        return Err(format!("rm: {}", text(&o.stderr)));
    }
    Ok(format!(
        "24 KB put ({put_s:.1} s), listed, got back identical, removed"
    ))
}

// ---------------------------------------------------------------------------------------------
// Figures

/// Pystone on the QEMU board beside native weft (same script, same loop count, timed by
/// the script itself), the free heap after boot and the image size.
pub fn bench(weft: &Path, root: &Path, elf: &Path) -> Result<(), String> {
    let size = proc::output_of(Command::new("llvm-size").arg(elf))
        .or_else(|| proc::output_of(Command::new("size").arg(elf)));
    match size.as_deref().and_then(|s| s.lines().nth(1)) {
        Some(l) => {
            let f: Vec<&str> = l.split_whitespace().collect();
            println!(
                "board: qemu-virt ELF: text {} bytes, data {} bytes, bss {} bytes (the bss \
                 holds the 300 KB heap)",
                f.first().unwrap_or(&"?"),
                f.get(1).unwrap_or(&"?"),
                f.get(2).unwrap_or(&"?")
            );
        }
        None => println!("board: (no llvm-size/size to measure the image)"),
    }
    let q = Qemu::start(elf)?;
    let dir = scratch("board-bench")?;
    let free = q.wait_ready(weft, &dir)?;
    println!("board: gc.mem_free() in a fresh interpreter after boot: {free} bytes of 300 KB");
    let src = fs::read_to_string(root.join("benches/pystone.py")).map_err(|e| e.to_string())?;
    let loops = 20000;
    let src = src.replace("LOOPS = 200000", &format!("LOOPS = {loops}"));
    if !src.contains(&format!("LOOPS = {loops}")) {
        return Err("benches/pystone.py no longer sets LOOPS = 200000".into());
    }
    let timed = format!(
        "import time\n_t0 = time.ticks_us()\n{src}\nprint('elapsed_us', time.ticks_diff(time.ticks_us(), _t0))\n"
    );
    let script = write(&dir, "pystone_board.py", &timed)?;
    let elapsed = |o: &Outcome| -> Result<f64, String> {
        text(&o.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("elapsed_us "))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .ok_or_else(|| format!("no timing: {:?} {:?}", text(&o.stdout), text(&o.stderr)))
    };
    let mut best_native = f64::MAX;
    let mut best_board = f64::MAX;
    for _ in 0..3 {
        let n = run_captured(
            weft,
            &[&script.to_string_lossy()],
            &dir,
            &[],
            Duration::from_secs(60),
        );
        best_native = best_native.min(elapsed(&n)?);
        let b = push(weft, &q.pty, &script, &[], Duration::from_secs(300));
        best_board = best_board.min(elapsed(&b)?);
        // the same result on both
        let strip = |o: &Outcome| {
            text(&o.stdout)
                .lines()
                .filter(|l| !l.starts_with("elapsed_us"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        if strip(&n) != strip(&b) {
            return Err(format!(
                "pystone differs: native {:?} board {:?}",
                strip(&n),
                strip(&b)
            ));
        }
    }
    let rate = |us: f64| loops as f64 / (us / 1e6);
    println!(
        "board: pystone ({loops} loops, best of 3): native weft {:.0} pystones/s, QEMU board \
         {:.0} pystones/s → board/native {:.3} (QEMU emulates rv32imc on this host; a real \
         160 MHz ESP32-C3 differs)",
        rate(best_native),
        rate(best_board),
        best_native / best_board
    );
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}
