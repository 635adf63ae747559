//! Tests of the `weft` binary's command line: help, usage errors, -X parsing, stdin handling.
//! (Output of Python programs is checked by the case runner, `cargo xtask test`.)

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn weft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run weft")
}

fn weft_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run weft");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Exit status, and no sign of a Rust panic.
fn status(o: &Output) -> i32 {
    let err = text(&o.stderr);
    assert!(!err.contains("panicked"), "panic: {err}");
    assert!(!err.contains("internal error"), "internal error: {err}");
    o.status.code().expect("exit status")
}

#[test]
fn help_explains_everything() {
    let o = weft(&["--help"]);
    assert_eq!(status(&o), 0);
    let out = text(&o.stdout);
    for needle in [
        "Usage: weft",
        "-c CODE",
        "-m MODULE",
        "-X",
        "heapsize",
        "-i",
        "MICROPYPATH",
        "board",
        "flash",
        "Examples:",
        "paste mode",
    ] {
        assert!(out.contains(needle), "--help lacks {needle:?}:\n{out}");
    }
    let o = weft(&["-h"]);
    assert_eq!(status(&o), 0);
    assert!(text(&o.stdout).contains("Usage: weft"));
}

#[test]
fn version() {
    let o = weft(&["--version"]);
    assert_eq!(status(&o), 0);
    assert!(text(&o.stdout).starts_with("weft 0.1.0"));
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    for args in [
        &["-q"][..],
        &["--bogus"],
        &["-c"],
        &["-m"],
        &["-X"],
        &["-X", "nonsense"],
    ] {
        let o = weft(args);
        assert_eq!(status(&o), 2, "{args:?}");
        let err = text(&o.stderr);
        assert!(
            err.contains("weft") || err.contains("error"),
            "{args:?}: {err}"
        );
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn missing_script() {
    let o = weft(&["definitely-not-here.py"]);
    assert_eq!(status(&o), 2);
    let err = text(&o.stderr);
    assert!(
        err.contains("can't open file 'definitely-not-here.py'"),
        "{err}"
    );
    assert!(err.contains("[Errno 2]"), "{err}");
}

#[test]
fn heapsize_parsing() {
    for good in ["2M", "512k", "512K", "1g", "65536", "0x10000", "16wK"] {
        let opt = format!("heapsize={good}");
        let o = weft(&["-v", "-X", &opt, "-c", "pass"]);
        let err = text(&o.stderr);
        assert!(!err.contains("invalid -X"), "{good}: {err}");
        assert_ne!(status(&o), 2, "{good}: {err}");
    }
    let o = weft(&["-v", "-X", "heapsize=2M", "-c", "pass"]);
    assert!(text(&o.stderr).contains("heap_limit=2097152"));
    let o = weft(&["-v", "-Xheapsize=3k", "-c", "pass"]);
    assert!(text(&o.stderr).contains("heap_limit=3072"));
    for bad in ["", "abc", "2MB", "0", "-1", "1T", "99999999999999999999"] {
        let opt = format!("heapsize={bad}");
        let o = weft(&["-X", &opt, "-c", "pass"]);
        assert_eq!(status(&o), 2, "{bad}");
        assert!(
            text(&o.stderr).contains("invalid -X heapsize"),
            "{bad}: {}",
            text(&o.stderr)
        );
    }
}

#[test]
fn micropython_x_options_are_accepted() {
    for opt in ["emit=bytecode", "emit=native", "compile-only", "realtime"] {
        let o = weft(&["-X", opt, "-c", "pass"]);
        assert_ne!(status(&o), 2, "{opt}: {}", text(&o.stderr));
    }
}

#[test]
fn argv_after_script_and_dash_c() {
    let o = weft(&["-v", "-c", "pass", "-v", "x"]);
    let err = text(&o.stderr);
    assert!(err.contains(r#"argv=["-c", "-v", "x"]"#), "{err}");
    assert!(err.contains(r#"path=[""]"#), "{err}");

    let dir = std::env::temp_dir().join(format!("weft-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("s.py");
    std::fs::write(&script, "pass\n").unwrap();
    let o = weft(&["-v", script.to_str().unwrap(), "-i", "--", "a"]);
    let err = text(&o.stderr);
    let canon = std::fs::canonicalize(&dir).unwrap();
    assert!(
        err.contains(&format!(
            r#"argv=["{}", "-i", "--", "a"]"#,
            script.to_str().unwrap()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(r#"path=["{}"]"#, canon.to_str().unwrap())),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn micropypath_extends_sys_path() {
    let o = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(["-v", "-c", "pass"])
        .env("MICROPYPATH", "/a:/b/c")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert!(err.contains(r#"path=["", "/a", "/b/c"]"#), "{err}");
}

#[test]
fn stdin_that_is_not_a_tty_is_the_script() {
    let o = weft_stdin(&["-v"], "print('hi')\n");
    status(&o);
    let err = text(&o.stderr);
    assert!(err.contains(r#"argv=[""]"#), "{err}");
    // No REPL banner or prompt when stdin is a pipe.
    let out = text(&o.stdout);
    assert!(!out.contains(">>>"), "{out}");
    assert!(!out.contains("Ctrl-E"), "{out}");
}

#[test]
fn reserved_words_are_subcommands() {
    // the bridge's commands (and flash) need their arguments
    for cmd in ["push", "connect", "fs", "flash"] {
        let o = weft(&[cmd]);
        assert_eq!(status(&o), 2, "{cmd}");
        assert!(
            text(&o.stderr).contains("Usage"),
            "{cmd}: {}",
            text(&o.stderr)
        );
    }
}

/// A GET over a plain TCP stream: the status line and headers, lower-cased, and the body.
fn http_get(port: u16, path: &str) -> (String, Vec<u8>) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    (
        String::from_utf8_lossy(&all[..split]).to_lowercase(),
        all[split + 4..].to_vec(),
    )
}

#[test]
fn serve_gives_an_isolated_page_with_the_right_types() {
    use std::io::{BufRead, BufReader};
    let dir = std::env::temp_dir().join(format!("weft-serve-test-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("web")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><p>hi</p>").unwrap();
    std::fs::write(dir.join("web/a.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("web/a.js"), "export {}").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(["serve", "--port", "0", "--dir"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let port: u16 = first
        .trim()
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no URL in {first:?}"));
    assert!(first.contains("http://127.0.0.1:"), "{first}");

    let (head, body) = http_get(port, "/");
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(
        head.contains("cross-origin-opener-policy: same-origin"),
        "{head}"
    );
    assert!(
        head.contains("cross-origin-embedder-policy: require-corp"),
        "{head}"
    );
    assert!(head.contains("content-type: text/html"), "{head}");
    assert_eq!(body, b"<!doctype html><p>hi</p>");
    let (head, _) = http_get(port, "/web/a.wasm");
    assert!(head.contains("content-type: application/wasm"), "{head}");
    let (head, _) = http_get(port, "/web/a.js?v=2");
    assert!(head.contains("content-type: text/javascript"), "{head}");
    let (head, _) = http_get(port, "/missing.js");
    assert!(head.starts_with("http/1.1 404"), "{head}");
    let (head, _) = http_get(port, "/web/../../etc/passwd");
    assert!(head.starts_with("http/1.1 400"), "{head}");
    child.kill().unwrap();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn serve_explains_a_folder_without_the_page() {
    let o = weft(&["serve", "--dir", "/nonexistent-weft-dir"]);
    assert_eq!(status(&o), 2);
    assert!(
        text(&o.stderr).contains("can't open"),
        "{}",
        text(&o.stderr)
    );
    let empty = std::env::temp_dir();
    let o = weft(&["serve", "--dir", empty.to_str().unwrap()]);
    assert_eq!(status(&o), 2);
    assert!(
        text(&o.stderr).contains("no index.html"),
        "{}",
        text(&o.stderr)
    );
}

/// `--trace-threads` prints one event per scheduling point, in an order that follows the
/// program: the start of the thread, its lock wait while main holds the lock, the release,
/// the acquire by the thread, its exit.
#[test]
fn trace_threads_prints_scheduling_events() {
    let src = "import _thread, time\n\
               lock = _thread.allocate_lock()\n\
               done = _thread.allocate_lock()\n\
               done.acquire()\n\
               def worker():\n\
               \x20   with lock:\n\
               \x20       pass\n\
               \x20   done.release()\n\
               with lock:\n\
               \x20   _thread.start_new_thread(worker, ())\n\
               \x20   time.sleep(0.05)\n\
               done.acquire()\n\
               print('ok')\n";
    let dir = std::env::temp_dir().join(format!("weft-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("t.py");
    std::fs::write(&script, src).unwrap();
    let o = weft(&["--trace-threads", script.to_str().unwrap()]);
    assert_eq!(status(&o), 0, "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "ok\n");
    let err = text(&o.stderr);
    let kinds: Vec<String> = err
        .lines()
        .map(|l| {
            // "[    0.273 ms] T1 line 4    lock-acquire #2"
            let after = l.split("] ").nth(1).unwrap_or("");
            let mut w = after.split_whitespace();
            let thread = w.next().unwrap_or("").to_string();
            let rest: Vec<&str> = w.collect();
            let kind = if rest.first() == Some(&"line") {
                rest.get(2)
            } else {
                rest.first()
            };
            format!("{} {}", thread, kind.unwrap_or(&""))
        })
        .collect();
    let pos = |k: &str| {
        kinds
            .iter()
            .position(|x| x == k)
            .unwrap_or_else(|| panic!("no '{k}' event in:\n{err}"))
    };
    assert!(pos("T1 start") < pos("T2 lock-wait"), "{err}");
    assert!(pos("T2 lock-wait") < pos("T1 lock-release"), "{err}");
    assert!(pos("T1 lock-release") < pos("T2 lock-acquire"), "{err}");
    assert!(pos("T2 lock-acquire") < pos("T2 exit"), "{err}");
    assert!(
        err.contains("T2 line 6    lock-wait #1 (held by T1)"),
        "{err}"
    );

    // to a file, and nothing on stderr
    let log = dir.join("trace.log");
    let arg = format!("--trace-threads={}", log.display());
    let o = weft(&[&arg, script.to_str().unwrap()]);
    assert_eq!(status(&o), 0);
    assert_eq!(text(&o.stderr), "");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("lock-wait #1 (held by T1)"), "{logged}");

    // off by default
    let o = weft(&[script.to_str().unwrap()]);
    assert_eq!(text(&o.stderr), "");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Ctrl-C (SIGINT) ends a program whose threads are busy, blocked on a lock, and asleep:
/// KeyboardInterrupt in the main thread, no thread left behind, weft exits. On host
/// threads, and on green threads (round robin and seeded).
#[test]
fn sigint_stops_every_thread() {
    for (i, extra) in [&[][..], &["--green"][..], &["--schedule", "3"][..]]
        .iter()
        .enumerate()
    {
        sigint_case(extra, i);
    }
}

fn sigint_case(extra: &[&str], n: usize) {
    let src = "import _thread, time\n\
               held = _thread.allocate_lock()\n\
               held.acquire()\n\
               def busy():\n\
               \x20   while True:\n\
               \x20       pass\n\
               def blocked():\n\
               \x20   held.acquire()\n\
               def sleeper():\n\
               \x20   time.sleep(1000)\n\
               for f in (busy, blocked, sleeper):\n\
               \x20   _thread.start_new_thread(f, ())\n\
               print('started', flush=True)\n\
               held.acquire()\n";
    let dir = std::env::temp_dir().join(format!("weft-sigint-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("t.py");
    std::fs::write(&script, src).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(extra)
        .arg(&script)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run weft");
    // wait for "started" so the signal lands while all three threads run
    let mut out = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 64];
    while !String::from_utf8_lossy(&seen).contains("started") {
        use std::io::Read;
        let n = out.read(&mut buf).unwrap();
        assert!(n > 0, "weft ended before starting its threads");
        seen.extend_from_slice(&buf[..n]);
    }
    let pid = child.id().to_string();
    let killed = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(killed.success());
    // generous: a hang would be caught by the test harness timing out otherwise
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let st = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("weft did not end after SIGINT");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut err = String::new();
    use std::io::Read;
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.contains("KeyboardInterrupt"), "{extra:?}: {err}");
    assert!(!err.contains("panicked"), "{extra:?}: {err}");
    assert_eq!(st.code(), Some(1), "{extra:?}: {err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--schedule SEED` (and `weft run --schedule SEED`): the same seed gives byte-identical
/// output on a racy program (4 threads, `x = x + 1`, no lock); other seeds interleave
/// differently. `--green` runs the same program on green threads.
#[test]
fn schedule_seed_reproduces_a_race() {
    let src = "import _thread\n\
               x = 0\n\
               order = []\n\
               done = _thread.allocate_lock()\n\
               left = [4]\n\
               def work(k):\n\
               \x20   global x\n\
               \x20   for i in range(500):\n\
               \x20       x = x + 1\n\
               \x20       if i % 100 == 0:\n\
               \x20           order.append(k)\n\
               \x20   with done:\n\
               \x20       left[0] -= 1\n\
               for k in range(4):\n\
               \x20   _thread.start_new_thread(work, (k,))\n\
               while left[0]:\n\
               \x20   pass\n\
               print(x, order)\n";
    let dir = std::env::temp_dir().join(format!("weft-schedule-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("race.py");
    std::fs::write(&script, src).unwrap();
    let script = script.to_string_lossy().into_owned();
    let mut outs = Vec::new();
    for seed in ["1", "2", "3", "4"] {
        let a = weft(&["--schedule", seed, &script]);
        let b = weft(&["run", "--schedule", seed, &script]);
        assert_eq!(status(&a), 0, "{}", text(&a.stderr));
        assert_eq!(a.stdout, b.stdout, "seed {seed}: two runs differ");
        outs.push(text(&a.stdout));
    }
    outs.dedup();
    assert!(outs.len() > 1, "every seed gave {:?}", outs);
    let o = weft(&["--green", &script]);
    assert_eq!(status(&o), 0, "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("[0"), "{}", text(&o.stdout));
    assert_eq!(status(&weft(&["--schedule", "x", &script])), 2);
    let _ = std::fs::remove_dir_all(&dir);
}
