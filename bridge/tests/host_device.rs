//! The host state machine against the device state machine, in memory, and the host
//! against transcripts of stock MicroPython's side of the protocol.

use weft_bridge::device::{self, Device};
use weft_bridge::host::{Config, Error, Event, Host, Transfer};
use weft_bridge::Stream;

/// A toy runner behind the device: code is `print:TEXT`, `fail:TEXT`, `exit:N` (ends with
/// status N), `warn:TEXT` (prints `out`, TEXT to stderr, succeeds), `loop` (runs until
/// Ctrl-C), or `bg:TEXT` (ends at once; a "thread" prints TEXT afterwards, while idle).
struct Board {
    dev: Device,
    looping: bool,
    late: Option<Vec<u8>>,
    resets: usize,
    runs: Vec<Vec<u8>>,
}

impl Board {
    fn new(window: u16) -> Board {
        let mut dev = Device::new("Toy board", window);
        dev.start();
        Board {
            dev,
            looping: false,
            late: None,
            resets: 0,
            runs: Vec::new(),
        }
    }

    fn react(&mut self) {
        while let Some(ev) = self.dev.next_event() {
            match ev {
                device::Event::Exec(code) => {
                    self.runs.push(code.clone());
                    let s = String::from_utf8(code).unwrap();
                    if let Some(t) = s.strip_prefix("print:") {
                        self.dev.output(Stream::Stdout, t.as_bytes());
                        self.dev.exec_done(false);
                    } else if let Some(t) = s.strip_prefix("fail:") {
                        self.dev.output(Stream::Stderr, t.as_bytes());
                        self.dev.exec_done(true);
                    } else if let Some(n) = s.strip_prefix("exit:") {
                        self.dev.exec_finished(n.parse().unwrap());
                    } else if let Some(t) = s.strip_prefix("warn:") {
                        self.dev.output(Stream::Stdout, b"out\n");
                        self.dev.output(Stream::Stderr, t.as_bytes());
                        self.dev.exec_finished(0);
                    } else if s == "loop" {
                        self.looping = true;
                    } else if let Some(t) = s.strip_prefix("bg:") {
                        self.late = Some(t.as_bytes().to_vec());
                        self.dev.exec_done(false);
                    } else {
                        self.dev
                            .output(Stream::Stdout, s.len().to_string().as_bytes());
                        self.dev.exec_done(false);
                    }
                }
                device::Event::Interrupt if self.looping => {
                    self.looping = false;
                    self.dev
                        .output(Stream::Stderr, b"Traceback...\nKeyboardInterrupt: \n");
                    self.dev.exec_done(true);
                }
                device::Event::SoftReset => {
                    self.resets += 1;
                    self.looping = false;
                    self.late = None;
                    self.dev.soft_reset_done();
                }
                device::Event::Line(_) | device::Event::Paste(_) | device::Event::Cancel => {
                    self.dev.prompt(false)
                }
                device::Event::Interrupt => {}
            }
        }
        if !self.dev.is_busy() {
            if let Some(t) = self.late.take() {
                self.dev.output(Stream::Stdout, &t);
            }
        }
    }
}

/// Move bytes both ways until `host` has nothing left to do; collect its events.
fn pump(host: &mut Host, board: &mut Board, now: &mut u64, until_done: bool) -> Vec<Event> {
    let mut events = Vec::new();
    for _ in 0..100_000 {
        let tx = host.take_tx();
        board.dev.feed(&tx);
        board.react();
        let rx = board.dev.take_output();
        host.receive(&rx, *now);
        while let Some(e) = host.poll(*now) {
            events.push(e);
        }
        let finished = events
            .iter()
            .any(|e| matches!(e, Event::Done { .. } | Event::Error(_) | Event::RawReady));
        if tx.is_empty() && rx.is_empty() && (!until_done || finished) {
            if let Some(w) = host.next_wakeup() {
                if !finished {
                    *now = w.max(*now + 1);
                    continue;
                }
            }
            if finished || !host.is_busy() {
                break;
            }
        }
        *now += 1;
    }
    events
}

fn stdout_of(events: &[Event]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in events {
        if let Event::Stdout(b) = e {
            out.extend_from_slice(b);
        }
    }
    out
}

fn stderr_of(events: &[Event]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in events {
        if let Event::Stderr(b) = e {
            out.extend_from_slice(b);
        }
    }
    out
}

fn ready(window: u16) -> (Host, Board, u64) {
    ready_with(window, Config::default())
}

fn ready_with(window: u16, cfg: Config) -> (Host, Board, u64) {
    let mut host = Host::new(cfg);
    let mut board = Board::new(window);
    let mut now = 0;
    host.enter_raw(true, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert_eq!(ev, vec![Event::RawReady]);
    assert_eq!(board.resets, 1);
    (host, board, now)
}

#[test]
fn run_ok_and_failing() {
    let (mut host, mut board, mut now) = ready(128);
    host.exec(b"print:hello\n", None, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert!(ev.contains(&Event::Transfer(Transfer::RawPaste { window: 128 })));
    assert_eq!(stdout_of(&ev), b"hello\n");
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: false,
            status: Some(0)
        })
    );
    host.exec(b"fail:ValueError: x\n", None, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert_eq!(stderr_of(&ev), b"ValueError: x\n");
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: true,
            status: Some(1)
        })
    );
}

#[test]
fn big_code_through_flow_control() {
    let (mut host, mut board, mut now) = ready(64);
    let code: Vec<u8> = (0..65536u32).map(|i| b'a' + (i % 26) as u8).collect();
    host.exec(&code, None, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert_eq!(board.runs.last().unwrap(), &code);
    assert_eq!(stdout_of(&ev), b"65536");
    let progress = ev
        .iter()
        .filter(|e| matches!(e, Event::Progress { .. }))
        .count();
    // at most two windows (the initial credit) go out per step
    assert!(progress >= 65536 / 128, "steps: {progress}");
}

/// Weft framing: the exit status and the stderr of a successful run reach a Weft host; a
/// host that does not ask (stock hosts) gets stock framing from the same device.
#[test]
fn exit_status_and_stderr_of_a_success() {
    let (mut host, mut board, mut now) = ready(64);
    host.exec(b"exit:3", None, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: true,
            status: Some(3)
        })
    );
    host.exec(b"warn:DeprecationWarning\n", None, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert_eq!(stdout_of(&ev), b"out\n");
    assert_eq!(stderr_of(&ev), b"DeprecationWarning\n");
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: false,
            status: Some(0)
        })
    );

    let stock = Config {
        weft_framing: false,
        ..Config::default()
    };
    let (mut host, mut board, mut now) = ready_with(64, stock);
    host.exec(b"warn:DeprecationWarning\n", None, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert_eq!(stdout_of(&ev), b"out\nDeprecationWarning\n");
    assert_eq!(stderr_of(&ev), b"");
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: false,
            status: None
        })
    );
    host.exec(b"exit:3", None, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    // as stock MicroPython: SystemExit leaves the exception section empty
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: false,
            status: None
        })
    );
}

#[test]
fn interrupt_a_loop() {
    let (mut host, mut board, mut now) = ready(128);
    host.exec(b"loop", None, now);
    let ev = pump(&mut host, &mut board, &mut now, false);
    assert!(ev.contains(&Event::Running));
    assert!(board.looping);
    host.interrupt();
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert!(String::from_utf8_lossy(&stderr_of(&ev)).contains("KeyboardInterrupt"));
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: true,
            status: Some(1)
        })
    );
    host.exec(b"print:after", None, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert_eq!(stdout_of(&ev), b"after");
}

#[test]
fn ctrl_c_during_a_raw_paste_transfer() {
    let (mut host, mut board, mut now) = ready(32);
    host.exec(&[b'#'; 5000], None, now);
    // a few steps of the transfer, then the user presses Ctrl-C
    for _ in 0..3 {
        let tx = host.take_tx();
        board.dev.feed(&tx);
        board.react();
        let rx = board.dev.take_output();
        host.receive(&rx, now);
        while host.poll(now).is_some() {}
        now += 1;
    }
    host.interrupt();
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert!(String::from_utf8_lossy(&stderr_of(&ev)).contains("KeyboardInterrupt"));
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: true,
            status: Some(1)
        })
    );
    assert!(board.runs.is_empty(), "the partial program never ran");
    // no stray acknowledgement reached the device (it would have soft-reset it)
    assert_eq!(board.resets, 1);
    host.exec(b"print:ok", None, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert_eq!(stdout_of(&ev), b"ok");
}

#[test]
fn late_thread_output_is_fenced_into_the_next_run() {
    let (mut host, mut board, mut now) = ready(128);
    host.exec(b"bg:late\n", None, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: false,
            status: Some(0)
        })
    );
    // the "thread" printed while the device was idle: nothing reached the host
    board.react();
    assert!(!board.dev.has_output());
    host.exec(b"print:next\n", None, now);
    let ev = pump(&mut host, &mut board, &mut now, true);
    assert_eq!(stdout_of(&ev), b"late\nnext\n");
}

#[test]
fn silent_board_times_out() {
    let mut host = Host::new(Config::default());
    let mut now = 0;
    host.enter_raw(false, now);
    let mut err = None;
    while now < 10_000 {
        host.take_tx();
        if let Some(Event::Error(e)) = host.poll(now) {
            err = Some((e, now));
            break;
        }
        now += 10;
    }
    let (e, at) = err.expect("a timeout");
    assert!(matches!(e, Error::Timeout { .. }));
    assert!(at <= 3500, "error after {at} ms");
    assert!(e.to_string().contains("did not answer"), "{e}");
}

#[test]
fn board_that_stops_granting_credit_times_out() {
    let (mut host, mut board, mut now) = ready(32);
    host.exec(&[b'x'; 1000], None, now);
    // deliver the raw-paste setup, then cut the link
    let tx = host.take_tx();
    board.dev.feed(&tx);
    let rx = board.dev.take_output();
    host.receive(&rx, now);
    while host.poll(now).is_some() {}
    host.take_tx();
    let mut err = None;
    for _ in 0..1000 {
        now += 10;
        if let Some(Event::Error(e)) = host.poll(now) {
            err = Some(e);
            break;
        }
    }
    let e = err.expect("timeout");
    assert!(e.to_string().contains("flow-control credit"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Transcripts of stock MicroPython's device side, written from its pyexec.c / pyboard.py (not
// recorded from a board: none is attached here):
// the host is fed the board's bytes in the order a real board sends them.

/// Feed `script` (pairs of expected host bytes → board reply) and return the host's events.
fn replay(host: &mut Host, now: &mut u64, script: &[(&[u8], &[u8])]) -> Vec<Event> {
    let mut events = Vec::new();
    let mut sent = Vec::new();
    for (expect, reply) in script {
        // let timers fire until the host has sent what the transcript expects
        for _ in 0..2000 {
            while let Some(e) = host.poll(*now) {
                events.push(e);
            }
            sent.extend(host.take_tx());
            if sent.ends_with(expect) {
                break;
            }
            *now += 5;
        }
        assert!(
            sent.ends_with(expect),
            "host sent {:?}, transcript expects {:?}",
            String::from_utf8_lossy(&sent),
            String::from_utf8_lossy(expect)
        );
        sent.clear();
        host.receive(reply, *now);
        while let Some(e) = host.poll(*now) {
            events.push(e);
        }
    }
    events
}

#[test]
fn transcript_micropython_1_20_raw_paste() {
    let mut host = Host::new(Config::default());
    let mut now = 0;
    host.enter_raw(true, now);
    let ev = replay(
        &mut host,
        &mut now,
        &[
            (b"\r\x03\x03", b"\r\n>>> \r\n>>> "),
            (b"\r\x01", b"\r\nraw REPL; CTRL-B to exit\r\n>"),
            (
                b"\x04",
                b"OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>",
            ),
            // stock pyexec.c: an unknown raw-paste letter is `R\x00`, then the prompt
            (b"\x05W\x01", b"R\x00>"),
        ],
    );
    assert_eq!(ev, vec![Event::RawReady]);
    host.exec(b"print('hi')\n1/0\n", None, now);
    let ev = replay(
        &mut host,
        &mut now,
        &[
            (b"\x05A\x01", b"R\x01\x80\x00\x01"),
            (b"print('hi')\n1/0\n\x04", b"\x04"),
        ],
    );
    assert!(ev.contains(&Event::Transfer(Transfer::RawPaste { window: 128 })));
    host.receive(
        b"hi\r\n\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, in <module>\r\nZeroDivisionError: divide by zero\r\n\x04>",
        now,
    );
    let mut ev = Vec::new();
    while let Some(e) = host.poll(now) {
        ev.push(e);
    }
    assert_eq!(stdout_of(&ev), b"hi\r\n");
    assert!(String::from_utf8_lossy(&stderr_of(&ev)).contains("ZeroDivisionError"));
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: true,
            status: None
        })
    );
}

#[test]
fn transcript_raw_paste_not_supported() {
    let mut host = Host::new(Config::default());
    let mut now = 0;
    host.enter_raw(false, now);
    replay(
        &mut host,
        &mut now,
        &[
            (b"\r\x03\x03", b""),
            (b"\r\x01", b"\r\nraw REPL; CTRL-B to exit\r\n>"),
            (b"\x05W\x01", b"R\x00>"),
        ],
    );
    let code = vec![b'#'; 600];
    host.exec(&code, None, now);
    let mut expect_code = code.clone();
    expect_code.push(4);
    let ev = replay(
        &mut host,
        &mut now,
        &[(b"\x05A\x01", b"R\x00"), (&expect_code[512..], b"OK")],
    );
    assert!(ev.contains(&Event::Transfer(Transfer::Raw)));
    host.receive(b"\x04\x04>", now);
    let mut ev = Vec::new();
    while let Some(e) = host.poll(now) {
        ev.push(e);
    }
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: false,
            status: None
        })
    );
}

#[test]
fn transcript_old_firmware_without_raw_paste() {
    // MicroPython before 1.14: `\x05A` become code, `\x01` re-enters raw REPL
    let mut host = Host::new(Config::default());
    let mut now = 0;
    host.enter_raw(false, now);
    replay(
        &mut host,
        &mut now,
        &[
            (b"\r\x03\x03", b""),
            (b"\r\x01", b"\r\nraw REPL; CTRL-B to exit\r\n>"),
            // old firmware: `\x05W` become code, `\x01` re-enters raw REPL
            (b"\x05W\x01", b"raw REPL; CTRL-B to exit\r\n>"),
        ],
    );
    host.exec(b"print(2)", None, now);
    let ev = replay(
        &mut host,
        &mut now,
        &[
            (b"\x05A\x01", b"raw REPL; CTRL-B to exit\r\n>"),
            (b"print(2)\x04", b"OK2\r\n\x04\x04>"),
        ],
    );
    assert!(ev.contains(&Event::Transfer(Transfer::Raw)));
    assert_eq!(stdout_of(&ev), b"2\r\n");
    assert_eq!(
        ev.last(),
        Some(&Event::Done {
            failed: false,
            status: None
        })
    );
}

#[test]
fn transcript_garbage_reply_is_a_clear_error() {
    let mut host = Host::new(Config::default());
    let mut now = 0;
    host.enter_raw(false, now);
    replay(
        &mut host,
        &mut now,
        &[
            (b"\r\x03\x03", b""),
            (b"\r\x01", b"\r\nraw REPL; CTRL-B to exit\r\n>"),
            (b"\x05W\x01", b"R\x00>"),
        ],
    );
    host.exec(&[b'x'; 300], None, now);
    let ev = replay(
        &mut host,
        &mut now,
        &[(b"\x05A\x01", b"R\x01\x80\x00\x01"), (&[b'x'; 256], b"?!")],
    );
    match ev.last() {
        Some(Event::Error(e)) => assert!(e.to_string().contains("raw-paste transfer"), "{e}"),
        other => panic!("{other:?}"),
    }
}
