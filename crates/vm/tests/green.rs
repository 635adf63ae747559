//! Green threads on a port WITHOUT host threads (the board's and the browser fallback's
//! situation): `_thread`, `threading` and `queue` work, scheduled by the VM on this one
//! thread; seeded schedules are reproducible.

use std::sync::Mutex;
use std::time::Instant;

use weft_vm::green::ScheduleChoice;
use weft_vm::port::{Port, Stream};
use weft_vm::{Config, Interp};

/// A port with a console and a clock, and no `threads()`.
struct OneThreadPort {
    out: Mutex<Vec<u8>>,
    err: Mutex<Vec<u8>>,
    start: Instant,
}

impl Port for OneThreadPort {
    fn write(&self, stream: Stream, data: &[u8]) {
        match stream {
            Stream::Stdout => self.out.lock().unwrap().extend_from_slice(data),
            Stream::Stderr => self.err.lock().unwrap().extend_from_slice(data),
        }
    }
    fn read_line(&self, _prompt: &str) -> Option<String> {
        None
    }
    fn ticks_us(&self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }
    fn time_ns(&self) -> u64 {
        1_700_000_000_000_000_000 + self.start.elapsed().as_nanos() as u64
    }
    fn sleep_us(&self, us: u64) {
        std::thread::sleep(std::time::Duration::from_micros(us));
    }
    fn take_interrupt(&self) -> bool {
        false
    }
    fn urandom(&self, buf: &mut [u8]) {
        buf.fill(4);
    }
}

/// Run `src`; returns (status, stdout, stderr).
fn run(src: &str, schedule: Option<ScheduleChoice>) -> (i32, String, String) {
    let port: &'static OneThreadPort = Box::leak(Box::new(OneThreadPort {
        out: Mutex::new(Vec::new()),
        err: Mutex::new(Vec::new()),
        start: Instant::now(),
    }));
    assert!(port.threads().is_none());
    let config = Config {
        schedule,
        ..Config::default()
    };
    let status = {
        let mut interp = Interp::new(port, config);
        interp.run_main(src, "t.py")
    };
    let out = String::from_utf8_lossy(&port.out.lock().unwrap()).into_owned();
    let err = String::from_utf8_lossy(&port.err.lock().unwrap()).into_owned();
    (status, out, err)
}

const PRODUCER_CONSUMER: &str = r#"
import threading, queue, time
q = queue.Queue(maxsize=3)
got = []
lock = threading.Lock()
def producer(n):
    for i in range(n):
        q.put(i)
    q.put(None)
def consumer():
    while True:
        v = q.get()
        if v is None:
            break
        with lock:
            got.append(v)
        time.sleep(0.0005)
ts = [threading.Thread(target=producer, args=(50,)), threading.Thread(target=consumer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
ev = threading.Event()
def setter():
    time.sleep(0.01)
    ev.set()
threading.Thread(target=setter).start()
print(ev.wait(5), got == list(range(50)), threading.active_count())
"#;

#[test]
fn threads_run_on_a_port_without_host_threads() {
    // round robin (what a board without an RTOS runs by default)
    let (status, out, err) = run(PRODUCER_CONSUMER, None);
    assert_eq!(
        (status, out.as_str(), err.as_str()),
        (0, "True True 1\n", "")
    );
    // and seeded
    for seed in [1, 2, 99] {
        let (status, out, err) = run(PRODUCER_CONSUMER, Some(ScheduleChoice::Seeded(seed)));
        assert_eq!(
            (status, out.as_str(), err.as_str()),
            (0, "True True 1\n", "")
        );
    }
}

/// The lost-update counter: `x = x + 1` from 4 threads, no lock.
const RACE: &str = r#"
import _thread, sys
x = 0
done = []
order = []
lock = _thread.allocate_lock()
def work(k):
    global x
    for i in range(300):
        x = x + 1
        if i % 50 == 0:
            order.append(k)
    with lock:
        done.append(k)
for k in range(4):
    _thread.start_new_thread(work, (k,))
while len(done) < 4:
    pass
print(x, order, done)
"#;

#[test]
fn same_seed_same_run_other_seeds_other_runs() {
    let mut outs = Vec::new();
    for seed in 1..=6u64 {
        let a = run(RACE, Some(ScheduleChoice::Seeded(seed)));
        let b = run(RACE, Some(ScheduleChoice::Seeded(seed)));
        assert_eq!(a, b, "seed {seed} gave two different runs");
        assert_eq!(a.0, 0, "{a:?}");
        outs.push(a.1);
    }
    // updates are lost (the race is real) ...
    let lost = outs
        .iter()
        .filter(|o| o.split(' ').next() != Some("1200"))
        .count();
    assert!(lost > 0, "no seed lost an update: {outs:?}");
    // ... and seeds choose different interleavings
    let mut distinct = outs.clone();
    distinct.sort();
    distinct.dedup();
    assert!(
        distinct.len() >= 4,
        "only {} interleavings: {outs:?}",
        distinct.len()
    );
}

#[test]
fn virtual_time_makes_sleep_instant_and_reproducible() {
    let src = r#"
import time, threading
t0 = time.monotonic()
out = []
def w(k):
    time.sleep(0.2 * k)
    out.append(k)
ts = [threading.Thread(target=w, args=(k,)) for k in (3, 1, 2)]
for t in ts: t.start()
for t in ts: t.join()
time.sleep(100)
print(out, round(time.monotonic() - t0))
"#;
    let started = Instant::now();
    let (status, out, err) = run(src, Some(ScheduleChoice::Seeded(5)));
    assert_eq!(
        (status, out.as_str(), err.as_str()),
        (0, "[1, 2, 3] 101\n", "")
    );
    // 100.6 s of virtual sleeping
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn deadlock_is_reported_with_the_wait_for_cycle() {
    let src = r#"
import threading, time
a = threading.Lock()
b = threading.Lock()
def t1():
    with a:
        time.sleep(0.01)
        with b:
            pass
t = threading.Thread(target=t1)
t.start()
with b:
    time.sleep(0.01)
    with a:
        pass
print("not reached")
"#;
    for schedule in [None, Some(ScheduleChoice::Seeded(3))] {
        let (status, out, err) = run(src, schedule);
        assert_eq!(status, 3, "{err}");
        assert_eq!(out, "");
        assert!(
            err.starts_with("Deadlock: every thread is waiting"),
            "{err}"
        );
        assert!(err.contains("cycle: "), "{err}");
        assert!(err.contains("main thread holds lock #"), "{err}");
    }
}

#[test]
fn uncaught_exception_in_a_thread_is_reported() {
    let src = r#"
import _thread, time
def f():
    raise ValueError("boom")
_thread.start_new_thread(f, ())
time.sleep(0.01)
print("main goes on")
"#;
    let (status, out, err) = run(src, None);
    assert_eq!((status, out.as_str()), (0, "main goes on\n"));
    assert!(
        err.starts_with("Unhandled exception in thread started by <function f"),
        "{err}"
    );
    assert!(err.ends_with("ValueError: boom\n"), "{err}");
}

#[test]
fn blocking_inside_native_code_waits_in_place() {
    // a lock taken in a sort key (nested native code) and in a property getter: the thread
    // can't be suspended there, so other threads run in place until it gets the lock
    let src = r#"
import threading, time
lock = threading.Lock()
res = []
def key(v):
    with lock:
        return -v
def sorter():
    res.append(sorted([3, 1, 2], key=key))
lock.acquire()
ts = [threading.Thread(target=sorter) for i in range(3)]
for t in ts: t.start()
time.sleep(0.01)
lock.release()
for t in ts: t.join()
print(res)
"#;
    for schedule in [None, Some(ScheduleChoice::Seeded(8))] {
        let (status, out, err) = run(src, schedule);
        assert_eq!(
            (status, out.as_str(), err.as_str()),
            (0, "[[3, 2, 1], [3, 2, 1], [3, 2, 1]]\n", "")
        );
    }
}
