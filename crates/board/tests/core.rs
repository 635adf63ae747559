//! The firmware core on the host: `weft_board::run` on a thread of its own, over a fake Hal
//! whose UART is two byte queues. (The same core runs on the QEMU board in
//! `cargo xtask board`; these tests need no emulator.)

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use weft_board::{BoardInfo, Hal};

struct FakeHal {
    rx: Mutex<VecDeque<u8>>,
    tx: Mutex<Vec<u8>>,
    start: Instant,
    used: AtomicUsize,
}

impl Hal for FakeHal {
    fn read(&self, buf: &mut [u8]) -> usize {
        let mut rx = self.rx.lock().unwrap();
        let n = buf.len().min(rx.len());
        for b in buf.iter_mut().take(n) {
            *b = rx.pop_front().unwrap();
        }
        n
    }
    fn write(&self, data: &[u8]) {
        self.tx.lock().unwrap().extend_from_slice(data);
    }
    fn ticks_us(&self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }
    fn wait(&self, deadline_us: u64) {
        let now = self.ticks_us();
        if deadline_us > now {
            std::thread::sleep(Duration::from_micros((deadline_us - now).min(1000)));
        }
    }
    fn reset(&self) -> ! {
        panic!("reset")
    }
    fn heap(&self) -> (usize, usize) {
        (self.used.load(Ordering::Relaxed), 300 * 1024)
    }
}

/// A board running on its own thread; the test types and reads.
struct Board(&'static FakeHal);

impl Board {
    fn start() -> Board {
        let hal: &'static FakeHal = Box::leak(Box::new(FakeHal {
            rx: Mutex::new(VecDeque::new()),
            tx: Mutex::new(Vec::new()),
            start: Instant::now(),
            used: AtomicUsize::new(0),
        }));
        std::thread::spawn(move || {
            weft_board::run(
                hal,
                BoardInfo {
                    name: "test",
                    platform: "test",
                },
            )
        });
        let b = Board(hal);
        b.expect(">>> ");
        b
    }

    fn send(&self, bytes: &[u8]) {
        self.0.rx.lock().unwrap().extend(bytes.iter().copied());
    }

    /// Wait (≤ 20 s) until the output contains `what`; return everything up to and
    /// including it, and drop that from the output.
    fn expect(&self, what: &str) -> String {
        let t0 = Instant::now();
        loop {
            {
                let mut tx = self.0.tx.lock().unwrap();
                let s = String::from_utf8_lossy(&tx).into_owned();
                if let Some(i) = s.find(what) {
                    let end = i + what.len();
                    tx.drain(..end);
                    return s[..end].to_string();
                }
                assert!(
                    t0.elapsed() < Duration::from_secs(20),
                    "waited for {what:?}; the board said {s:?}"
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Raw REPL: run `code`, return (stdout, stderr).
    fn exec(&self, code: &str) -> (String, String) {
        self.send(code.as_bytes());
        self.send(b"\x04");
        self.expect("OK");
        let out = self.expect("\x04");
        let err = self.expect("\x04");
        self.expect(">");
        (
            out.trim_end_matches('\x04').to_string(),
            err.trim_end_matches('\x04').to_string(),
        )
    }
}

#[test]
fn friendly_and_raw_repl_with_threads() {
    let b = Board::start();
    b.send(b"1 + 2\r");
    assert!(b.expect(">>> ").contains("3\r\n"));
    b.send(b"\x01");
    b.expect("raw REPL; CTRL-B to exit\r\n>");
    let (out, err) = b.exec(
        "import _thread, time\n\
         lock = _thread.allocate_lock()\n\
         done = []\n\
         def work(i):\n\
         \x20   for k in range(100):\n\
         \x20       with lock:\n\
         \x20           done.append(i)\n\
         for i in range(20):\n\
         \x20   _thread.start_new_thread(work, (i,))\n\
         while len(done) < 2000:\n\
         \x20   time.sleep(0.001)\n\
         print(len(done), sorted(set(done)) == list(range(20)))\n",
    );
    assert_eq!((out.as_str(), err.as_str()), ("2000 True\n", ""));
    let (out, err) = b.exec("1/0");
    assert_eq!(out, "");
    assert!(err.contains("ZeroDivisionError"), "{err}");
}

#[test]
fn ctrl_c_stops_the_script_and_its_threads() {
    let b = Board::start();
    b.send(b"\x01");
    b.expect(">");
    b.send(
        b"import _thread, time\n\
          n = [0, 0]\n\
          def spin(i):\n\
          \x20   while True:\n\
          \x20       n[i] += 1\n\
          _thread.start_new_thread(spin, (0,))\n\
          _thread.start_new_thread(spin, (1,))\n\
          print('go')\n\
          while True:\n\
          \x20   time.sleep(0.01)\n\x04",
    );
    b.expect("go\n");
    std::thread::sleep(Duration::from_millis(100));
    b.send(b"\x03");
    let err = b.expect("\x04>");
    assert!(err.contains("KeyboardInterrupt"), "{err}");
    let (out, _) = b.exec("a = list(n)\ntime.sleep(0.1)\nprint(a == n)\n");
    assert_eq!(out, "True\n", "the threads still run after Ctrl-C");
}

#[test]
fn soft_reset_ends_background_threads_and_keeps_files() {
    let b = Board::start();
    b.send(b"\x01");
    b.expect(">");
    let (out, err) = b.exec(
        "import _thread, time\n\
         open('/keep.txt', 'w').write('kept')\n\
         beats = [0]\n\
         def beat():\n\
         \x20   while True:\n\
         \x20       beats[0] += 1\n\
         \x20       time.sleep(0.001)\n\
         _thread.start_new_thread(beat, ())\n\
         print('started')\n",
    );
    assert_eq!((out.as_str(), err.as_str()), ("started\n", ""));
    // idle between commands: the daemon runs
    std::thread::sleep(Duration::from_millis(100));
    let (out, _) = b.exec("print(beats[0] > 10, _thread._count())\n");
    assert_eq!(out, "True 1\n");
    // a host's "\r Ctrl-C Ctrl-C" at the idle prompt must not kill it
    b.send(b"\x02\r\x03\x03\x01");
    b.expect("raw REPL; CTRL-B to exit\r\n>");
    let (out, _) = b.exec("print(_thread._count())\n");
    assert_eq!(out, "1\n");
    b.send(b"\x04");
    b.expect("soft reboot\r\n");
    b.expect(">");
    let (out, err) = b.exec("import _thread\nprint(_thread._count(), open('/keep.txt').read())\n");
    assert_eq!((out.as_str(), err.as_str()), ("0 kept\n", ""));
}
