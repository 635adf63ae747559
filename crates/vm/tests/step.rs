//! Step mode (`ScheduleChoice::Step`): a host answers each scheduling decision, one-line
//! slices stop at the next line of the program, the view shows every thread's line and
//! state, and the stepped run's `replay:` string replays it exactly.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Mutex;

use weft_vm::green::{parse_schedule, StepCmd, StepHost, ThreadState, View};
use weft_vm::port::{Port, Stream};
use weft_vm::{Config, Interp};

struct MemPort {
    out: Mutex<Vec<u8>>,
}

impl Port for MemPort {
    fn write(&self, stream: Stream, data: &[u8]) {
        let mut o = self.out.lock().unwrap();
        if stream == Stream::Stderr {
            o.extend_from_slice(b"[err]");
        }
        o.extend_from_slice(data);
    }
    fn read_line(&self, _prompt: &str) -> Option<String> {
        None
    }
    fn ticks_us(&self) -> u64 {
        0
    }
    fn time_ns(&self) -> u64 {
        0
    }
    fn sleep_us(&self, _us: u64) {}
    fn take_interrupt(&self) -> bool {
        false
    }
    fn urandom(&self, buf: &mut [u8]) {
        buf.fill(7);
    }
}

/// A host that answers with `decide` and keeps every view it was shown.
struct Scripted<F: FnMut(&View) -> StepCmd> {
    decide: F,
    seen: Rc<RefCell<Vec<View>>>,
}

impl<F: FnMut(&View) -> StepCmd> StepHost for Scripted<F> {
    fn decide(&mut self, view: &View) -> StepCmd {
        self.seen.borrow_mut().push(view.clone());
        (self.decide)(view)
    }
}

struct Run {
    status: i32,
    out: String,
    schedule: String,
    views: Vec<View>,
}

/// Run `src` under `schedule`; in step mode `decide` answers the decisions.
fn run(src: &str, schedule: &str, decide: impl FnMut(&View) -> StepCmd + 'static) -> Run {
    let port: &'static MemPort = Box::leak(Box::new(MemPort {
        out: Mutex::new(Vec::new()),
    }));
    let config = Config {
        schedule: Some(parse_schedule(schedule).unwrap()),
        ..Config::default()
    };
    let seen = Rc::new(RefCell::new(Vec::new()));
    let mut interp = Interp::new(port, config);
    let g = interp.vm.shared.green.as_ref().unwrap();
    let stepping = g.set_step_host(Box::new(Scripted {
        decide,
        seen: seen.clone(),
    }));
    assert_eq!(stepping, schedule.starts_with("step"));
    let status = interp.run_main(src, "t.py");
    let g = interp.vm.shared.green.as_ref().unwrap();
    let schedule = g.schedule_string().unwrap();
    assert!(!g.schedule_diverged());
    drop(interp);
    let out = String::from_utf8_lossy(&port.out.lock().unwrap()).into_owned();
    let views = seen.borrow().clone();
    Run {
        status,
        out,
        schedule,
        views,
    }
}

fn thread(view: &View, ident: u64) -> &weft_vm::green::ThreadView {
    view.threads.iter().find(|t| t.ident == ident).unwrap()
}

#[test]
fn one_line_steps_follow_the_program_line_by_line() {
    let src = "\
def f(x):
    y = x + 1
    return y
a = 1
print('a')
print('b')
b = f(a)
i = 0
while i < 3: i += 1
print(b, i)
";
    let r = run(src, "step", |v| StepCmd::Line(v.ready[0]));
    assert_eq!(r.status, 0);
    assert_eq!(r.out, "a\nb\n2 3\n");
    let lines: Vec<u32> = r.views.iter().map(|v| thread(v, 1).line).collect();
    // 0: not started; `def` then each line; into f and back; the one-line loop stops at
    // each iteration; the run ends after line 10
    assert_eq!(lines, [0, 1, 4, 5, 6, 7, 2, 3, 7, 8, 9, 9, 9, 9, 10]);
    assert!(r.schedule.starts_with("replay:1.L"), "{}", r.schedule);
    // the recording replays to the same output
    let again = run(src, &r.schedule, |_| unreachable!());
    assert_eq!(again.out, r.out);
}

const DEADLOCK: &str = include_str!("../../../web/examples/04_deadlock.py");

/// Plays the scheduler into the deadlock of the example: A takes lock_a, B takes lock_b,
/// then each reaches for the other's lock. Returns the run.
fn play_deadlock() -> Run {
    // the learner's plan: run main until it has started both threads, then alternate A
    // and B one line at a time; when one can't go on, step the other
    let mut turn = 2u64;
    run(DEADLOCK, "step", move |v| {
        let main = thread(v, 1);
        if v.ready.contains(&1) && main.line <= 35 && main.line != 0 || v.ready == [1] {
            return StepCmd::Line(1);
        }
        if main.line == 0 {
            return StepCmd::Line(1);
        }
        let other = if turn == 2 { 3 } else { 2 };
        let pick = if v.ready.contains(&turn) { turn } else { other };
        turn = if pick == 2 { 3 } else { 2 };
        if v.ready.contains(&pick) {
            StepCmd::Line(pick)
        } else {
            StepCmd::Line(v.ready[0])
        }
    })
}

#[test]
fn playing_the_scheduler_into_the_deadlock() {
    let r = play_deadlock();
    assert_eq!(r.status, weft_vm::interp::DEADLOCK_STATUS, "{}", r.out);
    assert!(r.out.contains("cycle: thread"), "{}", r.out);
    assert!(r.out.contains("A: waiting for lock_b"));
    assert!(r.out.contains("B: waiting for lock_a"));
    // the last view: A (2) and B (3) both wait for a lock the other holds, by name
    let last = r.views.last().unwrap();
    let a = thread(last, 2);
    let b = thread(last, 3);
    assert_eq!(a.name.as_deref(), Some("A"));
    assert_eq!(b.name.as_deref(), Some("B"));
    // each waits at its inner `with` for the lock the other holds, named as in the source
    let waits_for = |t: &weft_vm::green::ThreadView| match &t.state {
        ThreadState::Lock { name, owner, .. } => (t.line, name.clone().unwrap(), *owner),
        s => panic!("T{} is {s:?}, not waiting for a lock", t.ident),
    };
    assert_eq!(waits_for(a), (20, "lock_b".to_string(), 3));
    assert_eq!(waits_for(b), (29, "lock_a".to_string(), 2));
    // nobody is asked while the threads unwind from the deadlock: main was about to join
    assert_eq!(last.ready, [1]);
    assert_eq!(thread(last, 1).line, 36);
    // the same run again from its recording: same output, same schedule
    let again = run(DEADLOCK, &r.schedule, |_| unreachable!());
    assert_eq!(again.status, r.status);
    assert_eq!(again.out, r.out);
    assert_eq!(again.schedule, r.schedule);
    // and step mode can start from it: the prefix is replayed without asking
    let prefix = run(DEADLOCK, &format!("step:{}", r.schedule), |_| {
        StepCmd::Resume
    });
    assert!(prefix.views.is_empty() || prefix.views.len() <= 1);
    assert_eq!(prefix.out, r.out);
}

#[test]
fn a_lost_update_by_hand_then_resume() {
    let src = "\
import threading
counter = 0
def add():
    global counter
    v = counter
    counter = v + 1
ts = [threading.Thread(target=add) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print('counter', counter)
";
    // a new thread runs to its first line; main runs until it blocks (in start(), until
    // the new thread runs, then in join()); then T2 reads, T3 reads, T2 writes, T3 writes
    let mut plan = vec![2u64, 3, 2, 3].into_iter();
    let r = run(src, "step", move |v| {
        for t in [2, 3] {
            if v.ready.contains(&t) && thread(v, t).line == 0 {
                return StepCmd::Line(t);
            }
        }
        if v.ready.contains(&1) {
            return StepCmd::Run(1);
        }
        match plan.next() {
            Some(t) => StepCmd::Line(t),
            None => StepCmd::Resume,
        }
    });
    assert_eq!(r.status, 0, "{}", r.out);
    assert_eq!(r.out, "counter 1\n", "{} {}", r.schedule, r.views.len());
    // before the first write both had read 0 and were at their write line
    assert!(r
        .views
        .iter()
        .any(|v| v.threads.len() == 3 && thread(v, 2).line == 6 && thread(v, 3).line == 6));
    let again = run(src, &r.schedule, |_| unreachable!());
    assert_eq!(again.out, "counter 1\n");
}

#[test]
fn commands_parse() {
    assert_eq!(StepCmd::parse("s 2"), Some(StepCmd::Line(2)));
    assert_eq!(StepCmd::parse("step 12\n"), Some(StepCmd::Line(12)));
    assert_eq!(StepCmd::parse("3"), Some(StepCmd::Line(3)));
    assert_eq!(StepCmd::parse("r 1"), Some(StepCmd::Run(1)));
    assert_eq!(StepCmd::parse("c"), Some(StepCmd::Resume));
    for bad in ["", "s", "s x", "r 1 2", "go"] {
        assert_eq!(StepCmd::parse(bad), None, "{bad}");
    }
}

#[test]
fn views_are_json() {
    let r = run("import time\ntime.sleep(1)\n", "step", |v| {
        StepCmd::Line(v.ready[0])
    });
    let json = r.views[1].to_json();
    assert!(
        json.starts_with("{\"threads\":[{\"id\":1,\"name\":null,\"line\":1,\"call\":null,\"state\":\"ready\"}],\"ready\":[1],"),
        "{json}"
    );
    assert!(json.contains("\"schedule\":\"replay:1.L\""), "{json}");
}
