//! `weft push` / `weft fs` against `weft board` over a pair of linked ptys (socat): the
//! terminal half of the bridge, end to end.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const WEFT: &str = env!("CARGO_BIN_EXE_weft");

/// socat's two linked ptys and a board on one end; both processes end on drop.
struct Rig {
    dir: PathBuf,
    socat: Child,
    board: Child,
    /// the host's end
    port: String,
    root: PathBuf,
}

fn wait_for(what: &str, limit: Duration, mut ok: impl FnMut() -> bool) {
    let t0 = Instant::now();
    while !ok() {
        assert!(t0.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Rig {
    fn new(name: &str) -> Rig {
        let dir = std::env::temp_dir().join(format!("weft-bridge-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("board-end"), dir.join("host-end"));
        let socat = Command::new("socat")
            .arg(format!("pty,raw,echo=0,link={}", a.display()))
            .arg(format!("pty,raw,echo=0,link={}", b.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("socat (installed by `cargo xtask setup`)");
        wait_for("socat's links", Duration::from_secs(10), || {
            a.exists() && b.exists()
        });
        let root = dir.join("root");
        let board = Command::new(WEFT)
            .args(["board", "--port"])
            .arg(&a)
            .arg("--root")
            .arg(&root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("weft board");
        wait_for("the board's root", Duration::from_secs(10), || {
            root.exists()
        });
        Rig {
            port: b.to_string_lossy().into_owned(),
            dir,
            socat,
            board,
            root,
        }
    }

    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let p = self.dir.join(name);
        std::fs::write(&p, content).unwrap();
        p
    }

    fn push(&self, script: &Path, extra: &[&str]) -> Output {
        run_limited(
            Command::new(WEFT)
                .args(["push", "--port", &self.port])
                .args(extra)
                .arg(script),
            60,
        )
    }

    fn fs(&self, args: &[&str]) -> Output {
        run_limited(
            Command::new(WEFT)
                .args(["fs", "--port", &self.port])
                .args(args)
                .current_dir(&self.dir),
            60,
        )
    }
}

impl Drop for Rig {
    fn drop(&mut self) {
        let _ = self.board.kill();
        let _ = self.socat.kill();
        let _ = self.board.wait();
        let _ = self.socat.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Run to completion, failing the test (never hanging) after `secs`.
fn run_limited(cmd: &mut Command, secs: u64) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let to = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let te = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let t0 = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if t0.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            panic!("{cmd:?} did not end within {secs} s");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: to.join().unwrap(),
        stderr: te.join().unwrap(),
    }
}

/// Wait for `child` to end; kill it and fail the test (never hang) after `secs`.
fn wait_child(child: &mut Child, secs: u64, what: &str) -> std::process::ExitStatus {
    let t0 = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return st;
        }
        if t0.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            panic!("{what} (after {secs} s)");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn native(script: &Path) -> Output {
    run_limited(Command::new(WEFT).arg(script), 60)
}

#[test]
fn scripts_run_as_natively_threads_included() {
    let rig = Rig::new("scripts");
    let scripts: &[(&str, &str)] = &[
        (
            "hello.py",
            "print('hello', 1 + 1)\nfor i in range(3):\n    print(i * i)\n",
        ),
        (
            "threads.py",
            "import threading\n\
             lock = threading.Lock()\n\
             total = [0]\n\
             def work(n):\n\
             \x20   for i in range(1000):\n\
             \x20       with lock:\n\
             \x20           total[0] += n\n\
             ts = [threading.Thread(target=work, args=(k,)) for k in range(1, 5)]\n\
             for t in ts: t.start()\n\
             for t in ts: t.join()\n\
             print('total', total[0])\n",
        ),
        (
            "queue.py",
            "import threading, queue\n\
             q = queue.Queue()\n\
             def producer():\n\
             \x20   for i in range(50):\n\
             \x20       q.put(i)\n\
             \x20   q.put(None)\n\
             threading.Thread(target=producer).start()\n\
             got = []\n\
             while True:\n\
             \x20   x = q.get()\n\
             \x20   if x is None: break\n\
             \x20   got.append(x)\n\
             print(sum(got), len(got))\n",
        ),
        (
            "fails.py",
            "print('before')\ndef f():\n    raise ValueError('boom')\nf()\n",
        ),
        // the exit status and a successful run's stderr come back as natively (Weft framing)
        (
            "exits.py",
            "import sys\nprint('out')\nsys.stderr.write('to stderr\\n')\nsys.exit(3)\n",
        ),
        (
            "warns.py",
            "import sys\nprint('out')\nsys.stderr.write('to stderr\\n')\n",
        ),
    ];
    for (name, src) in scripts {
        let p = rig.file(name, src.as_bytes());
        let want = native(&p);
        let got = rig.push(&p, &[]);
        assert_eq!(
            text(&got.stdout),
            text(&want.stdout),
            "{name}: stderr {}",
            text(&got.stderr)
        );
        assert_eq!(got.status.code(), want.status.code(), "{name}");
        if name.starts_with("exits") || name.starts_with("warns") {
            assert_eq!(text(&got.stderr), text(&want.stderr), "{name}");
        }
        if name.starts_with("fails") {
            assert!(text(&got.stderr).contains("ValueError: boom"), "{name}");
        }
    }
}

#[test]
fn ctrl_c_interrupts_a_busy_loop() {
    let rig = Rig::new("interrupt");
    let p = rig.file(
        "busy.py",
        b"print('start')\nn = 0\nwhile True:\n    n += 1\n",
    );
    let mut child = Command::new(WEFT)
        .args(["push", "--port", &rig.port])
        .arg(&p)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 64];
    while !text(&seen).contains("start") {
        let n = out.read(&mut buf).unwrap();
        assert!(n > 0, "push ended early");
        seen.extend_from_slice(&buf[..n]);
    }
    std::thread::sleep(Duration::from_millis(200));
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let st = wait_child(&mut child, 10, "push did not end after Ctrl-C");
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(st.code(), Some(1));
    assert!(err.contains("KeyboardInterrupt"), "{err}");
    // the board is usable afterwards
    let p = rig.file("after.py", b"print('after')\n");
    assert_eq!(text(&rig.push(&p, &[]).stdout), "after\n");
}

#[test]
fn a_64k_script_through_raw_paste() {
    let rig = Rig::new("big");
    let mut src = String::new();
    let mut i = 0;
    while src.len() < 65536 - 200 {
        src.push_str(&format!("v{i} = {i} * 3\n"));
        i += 1;
    }
    src.push_str(&format!("print(v0 + v{} )\n", i - 1));
    while src.len() < 65536 {
        src.push('#');
    }
    src.pop();
    src.push('\n');
    assert_eq!(src.len(), 65536);
    let p = rig.file("big.py", src.as_bytes());
    let got = rig.push(&p, &[]);
    assert_eq!(text(&got.stdout), text(&native(&p).stdout));
    assert!(got.status.success(), "{}", text(&got.stderr));
}

#[test]
fn put_and_get_binary_files_with_hash_check() {
    let rig = Rig::new("files");
    let data: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    rig.file("blob.bin", &data);
    let o = rig.fs(&["put", "blob.bin", "blob.bin"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("hash verified"));
    assert_eq!(std::fs::read(rig.root.join("blob.bin")).unwrap(), data);
    assert!(!rig.root.join("blob.bin.weft-tmp").exists());
    let o = rig.fs(&["get", "blob.bin", "back.bin"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(std::fs::read(rig.dir.join("back.bin")).unwrap(), data);
    let o = rig.fs(&["mkdir", "lib"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = rig.fs(&["ls"]);
    let ls = text(&o.stdout);
    assert!(
        ls.contains("50000  blob.bin") && ls.contains("lib/"),
        "{ls}"
    );
    let o = rig.fs(&["rm", "blob.bin"]);
    assert!(o.status.success());
    assert!(!rig.root.join("blob.bin").exists());
    let o = rig.fs(&["cat", "missing.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("No such file"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn cut_link_mid_transfer_keeps_the_old_file() {
    let mut rig = Rig::new("cut");
    let old = b"print('the old main')\n".to_vec();
    std::fs::create_dir_all(&rig.root).unwrap();
    std::fs::write(rig.root.join("main.py"), &old).unwrap();
    let big: Vec<u8> = (0..600_000u32).map(|i| (i % 251) as u8).collect();
    rig.file("new.py", &big);
    let mut child = Command::new(WEFT)
        .args(["fs", "--port", &rig.port, "put", "new.py", "main.py"])
        .current_dir(&rig.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // cut the link once the temp file is growing
    let tmp = rig.root.join("main.py.weft-tmp");
    wait_for("the transfer to start", Duration::from_secs(20), || {
        std::fs::metadata(&tmp)
            .map(|m| m.len() > 20_000)
            .unwrap_or(false)
    });
    let _ = rig.socat.kill();
    let _ = rig.socat.wait();
    let t0 = Instant::now();
    let st = wait_child(&mut child, 10, "fs put hung after the link was cut");
    let took = t0.elapsed();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(st.code(), Some(1), "{err}");
    assert!(
        err.contains("lost the board") || err.contains("did not answer"),
        "{err}"
    );
    assert_eq!(std::fs::read(rig.root.join("main.py")).unwrap(), old);
    eprintln!("link cut: error after {took:?}: {}", err.trim());
}

#[test]
fn soft_reset_ends_the_old_programs_threads() {
    let rig = Rig::new("reset");
    let p = rig.file(
        "ticker.py",
        b"import _thread, time\n\
          def tick():\n\
          \x20   while True:\n\
          \x20       with open('ticks.txt', 'a') as f:\n\
          \x20           f.write('.')\n\
          \x20       time.sleep(0.01)\n\
          _thread.start_new_thread(tick, ())\n\
          time.sleep(0.2)\n\
          print('ticking')\n",
    );
    let o = rig.push(&p, &[]);
    assert_eq!(text(&o.stdout), "ticking\n", "{}", text(&o.stderr));
    let ticks = rig.root.join("ticks.txt");
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let before = size(&ticks);
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        size(&ticks) > before,
        "the thread runs after the script ended"
    );
    // the next push soft-resets the board
    let q = rig.file("q.py", b"print('fresh')\n");
    let o = rig.push(&q, &[]);
    assert_eq!(text(&o.stdout), "fresh\n", "{}", text(&o.stderr));
    let after = size(&ticks);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        size(&ticks),
        after,
        "the old thread still runs after a soft reset"
    );
}

#[test]
fn late_thread_output_never_breaks_the_protocol() {
    let rig = Rig::new("fence");
    let chatty = rig.file(
        "chatty.py",
        b"import _thread, time\n\
          def talk():\n\
          \x20   for i in range(200):\n\
          \x20       print('late', i)\n\
          \x20       time.sleep(0.002)\n\
          _thread.start_new_thread(talk, ())\n\
          print('main ends')\n",
    );
    let probe = rig.file("probe.py", b"print('probe ok')\n");
    for round in 0..5 {
        let o = rig.push(&chatty, &["--no-reset"]);
        assert!(o.status.success(), "round {round}: {}", text(&o.stderr));
        assert!(text(&o.stdout).contains("main ends"));
        // the thread is still talking: the next command must still get a clean reply
        let o = rig.push(&probe, &["--no-reset"]);
        assert!(o.status.success(), "round {round}: {}", text(&o.stderr));
        assert!(
            text(&o.stdout).ends_with("probe ok\n"),
            "{}",
            text(&o.stdout)
        );
    }
}

#[test]
fn a_board_that_stops_answering_is_an_error_within_seconds() {
    let rig = Rig::new("frozen");
    let old = b"old\n".to_vec();
    std::fs::create_dir_all(&rig.root).unwrap();
    std::fs::write(rig.root.join("data.txt"), &old).unwrap();
    rig.file("new.txt", &vec![b'n'; 300_000]);
    let mut child = Command::new(WEFT)
        .args(["fs", "--port", &rig.port, "put", "new.txt", "data.txt"])
        .current_dir(&rig.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let tmp = rig.root.join("data.txt.weft-tmp");
    wait_for("the transfer to start", Duration::from_secs(20), || {
        std::fs::metadata(&tmp)
            .map(|m| m.len() > 10_000)
            .unwrap_or(false)
    });
    let pid = rig.board.id().to_string();
    assert!(Command::new("kill")
        .args(["-STOP", &pid])
        .status()
        .unwrap()
        .success());
    let t0 = Instant::now();
    let st = wait_child(&mut child, 15, "fs put hung on a frozen board");
    let took = t0.elapsed();
    let _ = Command::new("kill").args(["-CONT", &pid]).status();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(st.code(), Some(1), "{err}");
    assert!(err.contains("did not answer"), "{err}");
    assert_eq!(std::fs::read(rig.root.join("data.txt")).unwrap(), old);
    eprintln!("frozen board: error after {took:?}: {}", err.trim());
}

/// A raw byte pipe to the host end, with reads that give up after a while.
struct RawHost {
    w: std::fs::File,
    rx: std::sync::mpsc::Receiver<u8>,
    peeked: Option<u8>,
}

impl RawHost {
    fn open(path: &str) -> RawHost {
        let f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .unwrap();
        let mut r = f.try_clone().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut b = [0u8; 256];
            while let Ok(n) = r.read(&mut b) {
                if n == 0 {
                    break;
                }
                for &c in &b[..n] {
                    if tx.send(c).is_err() {
                        return;
                    }
                }
            }
        });
        RawHost {
            w: f,
            rx,
            peeked: None,
        }
    }

    fn send(&mut self, b: &[u8]) {
        use std::io::Write;
        self.w.write_all(b).unwrap();
    }

    /// Exactly `n` bytes (pyboard.py's `serial.read(n)`), or panic after 5 s.
    fn read_exact(&mut self, n: usize) -> Vec<u8> {
        (0..n)
            .map(|_| self.next(Duration::from_secs(5)).expect("board reply"))
            .collect()
    }

    /// pyboard.py's `read_until(ending)`.
    fn read_until(&mut self, ending: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        while !v.ends_with(ending) {
            match self.next(Duration::from_secs(5)) {
                Some(c) => v.push(c),
                None => panic!("waiting for {ending:?}, got {:?}", text(&v)),
            }
        }
        v
    }

    /// Whatever arrives within `t`.
    fn drain(&mut self, t: Duration) -> Vec<u8> {
        let mut v = Vec::new();
        while let Some(c) = self.next(t) {
            v.push(c);
        }
        v
    }

    /// pyboard.py's exec_raw_no_follow + follow, raw-paste path.
    fn exec_raw_paste(&mut self, code: &[u8]) -> (Vec<u8>, Vec<u8>) {
        self.send(b"\x05A\x01");
        assert_eq!(self.read_exact(2), b"R\x01", "raw-paste reply");
        let w = self.read_exact(2);
        let window = u16::from_le_bytes([w[0], w[1]]) as usize;
        let mut remain = window;
        let mut i = 0;
        while i < code.len() {
            while remain == 0 || self.rx_pending() {
                match self.read_exact(1)[0] {
                    0x01 => remain += window,
                    c => panic!("unexpected byte during raw paste: {c:#x}"),
                }
            }
            let end = (i + remain).min(code.len());
            self.send(&code[i..end]);
            remain -= end - i;
            i = end;
        }
        self.send(b"\x04");
        let ack = self.read_until(b"\x04");
        assert!(ack.iter().all(|&c| c == 1 || c == 4), "ack {ack:?}");
        let mut out = self.read_until(b"\x04");
        out.pop();
        let mut err = self.read_until(b"\x04");
        err.pop();
        assert_eq!(self.read_exact(1), b">");
        (out, err)
    }

    /// pyboard.py's `inWaiting()`: is a byte already here? (peeked into `peeked`)
    fn rx_pending(&mut self) -> bool {
        if self.peeked.is_some() {
            return true;
        }
        self.peeked = self.rx.try_recv().ok();
        self.peeked.is_some()
    }

    fn next(&mut self, t: Duration) -> Option<u8> {
        self.peeked.take().or_else(|| self.rx.recv_timeout(t).ok())
    }
}

/// The byte sequence of pyboard.py / mpremote (enter raw REPL with a soft reset, raw-paste,
/// follow) against a board whose previous program left a thread printing: the fence keeps
/// every reply exactly where a stock host reads it.
#[test]
fn stock_host_byte_sequence_with_a_chatty_thread() {
    let rig = Rig::new("stock");
    let mut h = RawHost::open(&rig.port);
    h.send(b"\r\x03");
    std::thread::sleep(Duration::from_millis(100));
    h.drain(Duration::from_millis(100));
    h.send(b"\r\x01");
    h.read_until(b"raw REPL; CTRL-B to exit\r\n>");
    h.send(b"\x04");
    h.read_until(b"soft reboot\r\n");
    h.read_until(b"raw REPL; CTRL-B to exit\r\n>");
    let (out, err) = h.exec_raw_paste(
        b"import _thread, time\n\
          def talk():\n\
          \x20   for i in range(100000):\n\
          \x20       print('chatter', i)\n\
          \x20       time.sleep(0.001)\n\
          _thread.start_new_thread(talk, ())\n\
          print('started')\n",
    );
    assert!(text(&out).contains("started"), "{}", text(&out));
    assert!(err.is_empty(), "{}", text(&err));
    // the thread keeps printing, but an idle raw REPL sends nothing
    let idle = h.drain(Duration::from_millis(300));
    assert!(idle.is_empty(), "bytes after the prompt: {:?}", text(&idle));
    let mut chatter = text(&out);
    for round in 0..5 {
        let (out, err) = h.exec_raw_paste(format!("print('round', {round})\n").as_bytes());
        let out = text(&out);
        assert!(out.ends_with(&format!("round {round}\n")), "{out}");
        assert!(err.is_empty());
        chatter.push_str(&out);
    }
    // nothing the thread printed was lost or reordered: the held bytes came out in order
    let seen: Vec<u32> = chatter
        .lines()
        .filter_map(|l| l.strip_prefix("chatter "))
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(
        seen.len() > 50,
        "the thread printed while idle: {}",
        seen.len()
    );
    assert!(
        seen.windows(2).all(|w| w[1] == w[0] + 1),
        "chatter out of order or lost"
    );
    let (_, err) = h.exec_raw_paste(b"1/0\n");
    assert!(text(&err).contains("ZeroDivisionError"), "{}", text(&err));
    // as stock MicroPython: SystemExit leaves the exception section empty (a stock host never
    // asks for Weft framing, so it sees no status and no extra bytes before the prompt)
    let (out, err) = h.exec_raw_paste(b"import sys\nprint('bye')\nsys.exit(3)\n");
    // (what the thread printed since the last run leads this run's output: the fence)
    let out: String = text(&out)
        .lines()
        .filter(|l| !l.starts_with("chatter "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!((out, text(&err)), ("bye\n".to_string(), String::new()));
    // soft reset ends the thread: afterwards nothing more is held
    h.send(b"\x04");
    h.read_until(b"soft reboot\r\n");
    h.read_until(b"raw REPL; CTRL-B to exit\r\n>");
    std::thread::sleep(Duration::from_millis(200));
    let (out, _) = h.exec_raw_paste(b"print('clean')\n");
    assert_eq!(text(&out), "clean\n");
}

/// `weft connect` with a script piped in: the friendly REPL (blocks, type-ahead for
/// `input()`, paste mode, Ctrl-C at the prompt, Ctrl-D soft reset).
#[test]
fn connect_drives_the_friendly_repl() {
    let rig = Rig::new("connect");
    let mut child = Command::new(WEFT)
        .args(["connect", "--port", &rig.port])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        // typed in bursts, as a person would: type-ahead inside a burst, pauses between
        for burst in [
            &b"\x02for i in range(3):\r    print(i * 10)\r\r"[..],
            b"x = input()\rtyped ahead\rx\r",
            b"\x05def f():\r    return 42\r\x04f()\r",
            b"abc\x03",
            b"\x04f()\r",
        ] {
            stdin.write_all(burst).unwrap();
            std::thread::sleep(Duration::from_millis(300));
        }
    }
    wait_child(&mut child, 20, "connect did not end");
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let out = out.replace("\r\n", "\n");
    for want in [
        ">>> for i in range(3):\n...     print(i * 10)\n... \n0\n10\n20\n>>> ",
        ">>> x = input()\ntyped ahead\n>>> x\n'typed ahead'\n>>> ",
        "=== def f():\n===     return 42\n=== \n>>> f()\n42\n>>> ",
        "abc\nKeyboardInterrupt\n>>> ",
        "soft reboot\n",
        "NameError: name 'f' isn't defined",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
}

/// A host's `\r` Ctrl-C Ctrl-C at the idle friendly prompt (how mpremote and pyboard.py
/// begin) runs no code, so it must not kill the threads the last program left running.
#[test]
fn ctrl_c_at_an_idle_prompt_spares_background_threads() {
    let rig = Rig::new("idlectrlc");
    let mut h = RawHost::open(&rig.port);
    h.send(b"\r\x01");
    h.read_until(b"raw REPL; CTRL-B to exit\r\n>");
    let (out, err) = h.exec_raw_paste(
        b"import _thread, time\n\
          beats = [0]\n\
          def beat():\n\
          \x20   while True:\n\
          \x20       beats[0] += 1\n\
          \x20       time.sleep(0.001)\n\
          _thread.start_new_thread(beat, ())\n\
          print('started')\n",
    );
    assert_eq!(
        (text(&out), text(&err)),
        ("started\n".into(), String::new())
    );
    h.send(b"\x02\r\x03\x03");
    // the board answers with the banner and prompts; the thread has time to see a kill
    h.drain(Duration::from_millis(300));
    h.send(b"\x01");
    h.read_until(b"raw REPL; CTRL-B to exit\r\n>");
    let (out, err) =
        h.exec_raw_paste(b"n = beats[0]\ntime.sleep(0.1)\nprint(_thread._count(), beats[0] > n)\n");
    assert_eq!(
        (text(&out), text(&err)),
        ("1 True\n".into(), String::new()),
        "the background thread was killed by Ctrl-C at an idle prompt"
    );
}

/// `weft board` on stdio (piped): friendly REPL, then raw REPL; everything typed ahead runs
/// before the board ends at end of input.
#[test]
fn board_on_stdio() {
    let mut child = Command::new(WEFT)
        .arg("board")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(b"print(6 * 7)\r\x01print('raw')\x04import sys\nprint(sys.platform)\x04")
            .unwrap();
    }
    wait_child(&mut child, 20, "board did not end");
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let want_platform = text(&native_c("import sys; print(sys.platform)").stdout);
    assert!(out.contains(">>> print(6 * 7)\r\n42\r\n>>> "), "{out:?}");
    assert!(
        out.ends_with(&format!(
            "raw REPL; CTRL-B to exit\r\n>OKraw\n\x04\x04>OK{want_platform}\x04\x04>"
        )),
        "{out:?}"
    );
}

fn native_c(code: &str) -> Output {
    run_limited(Command::new(WEFT).args(["-c", code]), 30)
}

/// A program that swallows KeyboardInterrupt is still ended by the next push (its Ctrl-C
/// Ctrl-C is a kill on the board), and its threads with it.
#[test]
fn push_ends_a_program_that_swallows_ctrl_c() {
    let rig = Rig::new("stubborn");
    let p = rig.file(
        "stubborn.py",
        b"import time\n\
          print('stubborn')\n\
          while True:\n\
          \x20   try:\n\
          \x20       while True:\n\
          \x20           time.sleep(0.01)\n\
          \x20   except KeyboardInterrupt:\n\
          \x20       pass\n",
    );
    let mut child = Command::new(WEFT)
        .args(["push", "--port", &rig.port])
        .arg(&p)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 64];
    while !text(&seen).contains("stubborn") {
        let n = out.read(&mut buf).unwrap();
        assert!(n > 0, "push ended early");
        seen.extend_from_slice(&buf[..n]);
    }
    // the host goes away without stopping it
    let _ = child.kill();
    let _ = child.wait();
    let q = rig.file("q.py", b"print('next')\n");
    let o = rig.push(&q, &[]);
    assert_eq!(text(&o.stdout), "next\n", "{}", text(&o.stderr));
}

/// `weft board --pty` prints the path of the pty it serves; a host opens it by that path.
#[test]
fn board_on_its_own_pty() {
    let dir = std::env::temp_dir().join(format!("weft-bridge-pty-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut board = Command::new(WEFT)
        .args(["board", "--pty", "--root"])
        .arg(dir.join("root"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = Vec::new();
    let mut out = board.stdout.take().unwrap();
    let mut b = [0u8; 1];
    while !line.ends_with(b"\n") {
        assert_eq!(
            out.read(&mut b).unwrap(),
            1,
            "board ended before printing its pty"
        );
        line.push(b[0]);
    }
    let line = text(&line);
    let path = line
        .split_whitespace()
        .find(|w| w.starts_with("/dev/"))
        .unwrap_or_else(|| panic!("no pty path in {line:?}"))
        .to_string();
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("p.py");
    std::fs::write(&script, "print('on a pty', 2 ** 10)\n").unwrap();
    let o = run_limited(
        Command::new(WEFT)
            .args(["push", "--port", &path])
            .arg(&script),
        30,
    );
    let _ = board.kill();
    let _ = board.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(text(&o.stdout), "on a pty 1024\n", "{}", text(&o.stderr));
}

#[test]
fn flashing_a_board_that_is_not_an_esp_is_a_clear_error_within_seconds() {
    // `weft board` answers the ROM bootloader's SLIP sync with REPL text, never with a sync
    // reply; the bound below only keeps a broken build from hanging the suite
    let rig = Rig::new("flash");
    let mut img = vec![0xffu8; 0x10000];
    img[..24].fill(0);
    img[0] = 0xe9;
    img[12] = 5; // ESP32-C3
    let img = rig.file("c3.bin", &img);
    for extra in [&["--no-reset"][..], &[]] {
        let o = run_limited(
            Command::new(WEFT)
                .args(["flash", "--chip", "esp32c3", "--port", &rig.port, "--image"])
                .arg(&img)
                .args(extra),
            60,
        );
        let e = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{e}");
        assert!(e.contains("did not answer as an ESP bootloader"), "{e}");
    }
}
