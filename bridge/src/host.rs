//! The host side: what the computer (the CLI, the page) does to run code on a board.
//!
//! The driver calls [`Host::receive`] with bytes from the board, writes out
//! [`Host::take_tx`], and calls [`Host::poll`] (with the current time in milliseconds) until
//! it returns `None`, then waits for bytes or until [`Host::next_wakeup`]. Commands:
//! [`Host::enter_raw`], [`Host::exec`], [`Host::interrupt`], [`Host::leave_raw`].
//!
//! Every wait for a reply has a deadline: a board that stops answering ends in
//! [`Event::Error`] with a message that says what was expected and what arrived, never in a
//! hang. A running program has no deadline unless [`Host::exec`] gives one (file
//! commands do: their scripts are short).

use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::{ctrl, SOFT_REBOOT};

/// Timing knobs, in milliseconds.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// how long to discard output after the initial Ctrl-Cs (the board may be printing)
    pub settle_ms: u64,
    /// how long to wait for any protocol reply (raw banner, `OK`, window credit, ...)
    pub reply_timeout_ms: u64,
    /// how long a soft reset may take
    pub reset_timeout_ms: u64,
    /// plain raw mode (no raw-paste): chunk size and pause between chunks, as pyboard.py
    pub raw_chunk: usize,
    pub raw_chunk_delay_ms: u64,
    /// after entering raw REPL, ask for Weft framing (`\x05W\x01`: a Weft device answers
    /// `RW>`, a stock one `R\x00>`, old firmware its raw banner): the exit status and the
    /// stderr of a successful run then reach the host (see `device::Device::exec_finished`)
    pub weft_framing: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            settle_ms: 150,
            reply_timeout_ms: 3000,
            reset_timeout_ms: 5000,
            raw_chunk: 256,
            raw_chunk_delay_ms: 10,
            weft_framing: true,
        }
    }
}

/// How the code was (or is being) sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transfer {
    RawPaste {
        window: u16,
    },
    /// plain raw REPL: `R\x00` (raw-paste not supported) or old firmware
    Raw,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The board is in raw REPL, ready for `exec`.
    RawReady,
    /// Code transfer started, and how.
    Transfer(Transfer),
    /// `sent` of `total` code bytes are on their way.
    Progress {
        sent: usize,
        total: usize,
    },
    /// The code is on the board and runs.
    Running,
    /// Program output (stdout section).
    Stdout(Vec<u8>),
    /// Exception text (the section after the first `\x04`).
    Stderr(Vec<u8>),
    /// The program ended; `failed`: the board reported an exception (or, with Weft
    /// framing, a non-zero status); `status`: the exit status, from Weft boards only (0, 1
    /// after an uncaught exception, the code of `SystemExit`). Stock boards report no status.
    Done {
        failed: bool,
        status: Option<i32>,
    },
    Error(Error),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Nothing (or not the expected reply) arrived in time.
    Timeout {
        waiting_for: &'static str,
        got: Vec<u8>,
    },
    /// A reply that does not fit the protocol.
    Unexpected { during: &'static str, got: Vec<u8> },
    /// A command given in a state where it makes no sense (a driver bug).
    NotReady(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn show(f: &mut fmt::Formatter<'_>, got: &[u8]) -> fmt::Result {
            if got.is_empty() {
                return write!(f, "nothing");
            }
            let tail = &got[got.len().saturating_sub(60)..];
            write!(f, "{:?}", String::from_utf8_lossy(tail))
        }
        match self {
            Error::Timeout { waiting_for, got } => {
                write!(
                    f,
                    "the board did not answer (waiting for {waiting_for}; got "
                )?;
                show(f, got)?;
                write!(f, ")")
            }
            Error::Unexpected { during, got } => {
                write!(f, "unexpected reply from the board during {during}: ")?;
                show(f, got)
            }
            Error::NotReady(what) => write!(f, "protocol misuse: {what}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Idle,
    Settle { until: u64, soft_reset: bool },
    WaitBanner { soft_reset: bool },
    WaitReboot,
    WaitRebootBanner,
    ExtReply,
    RawIdle,
    PasteReply,
    PasteWindow,
    Pasting { window: u16, credit: usize },
    PasteEndAck,
    OldFirmware,
    RawSending { next_at: u64 },
    WaitOk,
    RunOut,
    RunErr { any: bool },
    RunPrompt { failed: bool },
    Failed,
}

pub struct Host {
    cfg: Config,
    state: State,
    rx: Vec<u8>,
    tx: Vec<u8>,
    events: VecDeque<Event>,
    deadline: Option<u64>,
    run_timeout: Option<u64>,
    code: Vec<u8>,
    sent: usize,
    /// raw-paste turned out unsupported on this board: don't try again
    no_paste: bool,
    /// the host aborted a raw-paste with Ctrl-C: the device's `\x04` needs no acknowledgement
    paste_aborted: bool,
    /// the device speaks Weft framing in this raw session
    ext: bool,
}

const BANNER_PROMPT: &[u8] = b"raw REPL; CTRL-B to exit\r\n>";

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl Host {
    pub fn new(cfg: Config) -> Host {
        Host {
            cfg,
            state: State::Idle,
            rx: Vec::new(),
            tx: Vec::new(),
            events: VecDeque::new(),
            deadline: None,
            run_timeout: None,
            code: Vec::new(),
            sent: 0,
            no_paste: false,
            paste_aborted: false,
            ext: false,
        }
    }

    /// Bytes to write to the board (empties the queue).
    pub fn take_tx(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.tx)
    }

    /// Is the board in raw REPL and idle?
    pub fn is_raw_idle(&self) -> bool {
        self.state == State::RawIdle
    }

    /// Is a program running (or being sent)?
    pub fn is_busy(&self) -> bool {
        !matches!(self.state, State::Idle | State::RawIdle | State::Failed)
    }

    /// When `poll` next has something to do without new input (a deadline, a paced send).
    pub fn next_wakeup(&self) -> Option<u64> {
        match self.state {
            State::Settle { until, .. } => Some(until),
            State::RawSending { next_at } => Some(next_at),
            _ => self.deadline,
        }
    }

    fn wait(&mut self, state: State, now: u64, timeout: u64) {
        self.state = state;
        self.deadline = Some(now + timeout);
    }

    fn fail(&mut self, e: Error) {
        self.state = State::Failed;
        self.deadline = None;
        self.events.push_back(Event::Error(e));
    }

    /// Interrupt whatever runs and enter raw REPL (`soft_reset`: then soft-reset the board,
    /// which ends the previous program's threads). Ends with `RawReady`.
    pub fn enter_raw(&mut self, soft_reset: bool, now: u64) {
        self.rx.clear();
        self.ext = false;
        self.tx.extend_from_slice(b"\r\x03\x03");
        self.state = State::Settle {
            until: now + self.cfg.settle_ms,
            soft_reset,
        };
        self.deadline = None;
    }

    /// Run `code` (the board must be in raw REPL). `run_timeout`: longest silence allowed
    /// from the running program (`None`: wait forever).
    pub fn exec(&mut self, code: &[u8], run_timeout: Option<u64>, now: u64) {
        if self.state != State::RawIdle {
            self.fail(Error::NotReady("exec before the raw REPL is ready"));
            return;
        }
        self.code = code.to_vec();
        self.sent = 0;
        self.run_timeout = run_timeout;
        self.paste_aborted = false;
        self.rx.clear();
        if self.no_paste {
            self.events.push_back(Event::Transfer(Transfer::Raw));
            self.state = State::RawSending { next_at: now };
        } else {
            self.tx.extend_from_slice(&[ctrl::E, b'A', ctrl::A]);
            self.wait(State::PasteReply, now, self.cfg.reply_timeout_ms);
        }
    }

    /// Forward a Ctrl-C to the board.
    pub fn interrupt(&mut self) {
        if let State::Pasting { .. } = self.state {
            self.paste_aborted = true;
        }
        self.tx.push(ctrl::C);
    }

    /// Leave raw REPL for the friendly REPL.
    pub fn leave_raw(&mut self) {
        self.tx.push(ctrl::B);
        self.state = State::Idle;
        self.deadline = None;
    }

    /// Bytes from the board.
    pub fn receive(&mut self, data: &[u8], now: u64) {
        if data.is_empty() {
            return;
        }
        match self.state {
            State::Settle { .. } | State::Idle | State::Failed => return,
            State::RunOut | State::RunErr { .. } | State::RunPrompt { .. } => {
                self.deadline = self.run_timeout.map(|t| now + t);
            }
            _ => {}
        }
        self.rx.extend_from_slice(data);
        self.step(now);
    }

    /// Advance timers and sends; returns the next event, if any.
    pub fn poll(&mut self, now: u64) -> Option<Event> {
        if let Some(e) = self.events.pop_front() {
            return Some(e);
        }
        match self.state {
            State::Settle { until, soft_reset } if now >= until => {
                self.rx.clear();
                self.tx.extend_from_slice(b"\r\x01");
                self.wait(
                    State::WaitBanner { soft_reset },
                    now,
                    self.cfg.reply_timeout_ms,
                );
            }
            State::RawSending { next_at } if now >= next_at => self.send_raw_chunk(now),
            _ => {}
        }
        if let Some(d) = self.deadline {
            if now >= d {
                let waiting_for = self.waiting_for();
                let got = core::mem::take(&mut self.rx);
                self.fail(Error::Timeout { waiting_for, got });
            }
        }
        self.events.pop_front()
    }

    fn waiting_for(&self) -> &'static str {
        match self.state {
            State::WaitBanner { .. } => "the raw REPL banner after Ctrl-A",
            State::WaitReboot => "'soft reboot' after Ctrl-D",
            State::WaitRebootBanner => "the raw REPL banner after the soft reset",
            State::ExtReply => "the reply to Ctrl-E W Ctrl-A (Weft framing)",
            State::PasteReply => "the raw-paste reply to Ctrl-E A Ctrl-A",
            State::PasteWindow => "the raw-paste window size",
            State::Pasting { .. } => "flow-control credit during raw-paste",
            State::PasteEndAck => "the end-of-data acknowledgement",
            State::OldFirmware => "the raw REPL banner (old firmware fallback)",
            State::WaitOk => "OK after the code",
            State::RunOut | State::RunErr { .. } | State::RunPrompt { .. } => {
                "output from the running program"
            }
            _ => "a reply",
        }
    }

    fn send_raw_chunk(&mut self, now: u64) {
        let end = (self.sent + self.cfg.raw_chunk).min(self.code.len());
        self.tx.extend_from_slice(&self.code[self.sent..end]);
        self.sent = end;
        self.events.push_back(Event::Progress {
            sent: self.sent,
            total: self.code.len(),
        });
        if self.sent == self.code.len() {
            self.tx.push(ctrl::D);
            self.wait(State::WaitOk, now, self.cfg.reply_timeout_ms);
        } else {
            self.state = State::RawSending {
                next_at: now + self.cfg.raw_chunk_delay_ms,
            };
        }
    }

    /// Send as much code as the raw-paste credit allows.
    fn paste_send(&mut self, window: u16, mut credit: usize, now: u64) {
        if credit > 0 && self.sent < self.code.len() {
            let end = (self.sent + credit).min(self.code.len());
            self.tx.extend_from_slice(&self.code[self.sent..end]);
            credit -= end - self.sent;
            self.sent = end;
            self.events.push_back(Event::Progress {
                sent: self.sent,
                total: self.code.len(),
            });
        }
        if self.sent == self.code.len() {
            self.tx.push(ctrl::D);
            self.wait(State::PasteEndAck, now, self.cfg.reply_timeout_ms);
        } else {
            self.state = State::Pasting { window, credit };
            if credit > 0 || self.deadline.is_none() {
                self.deadline = Some(now + self.cfg.reply_timeout_ms);
            }
        }
    }

    fn start_running(&mut self, now: u64) {
        self.events.push_back(Event::Running);
        self.state = State::RunOut;
        self.deadline = self.run_timeout.map(|t| now + t);
    }

    /// Consume `rx` as far as the state allows.
    fn step(&mut self, now: u64) {
        loop {
            let before = (self.state, self.rx.len());
            self.step_once(now);
            if (self.state, self.rx.len()) == before || self.rx.is_empty() {
                break;
            }
        }
    }

    fn step_once(&mut self, now: u64) {
        match self.state {
            State::WaitBanner { soft_reset } => {
                if let Some(i) = find(&self.rx, BANNER_PROMPT) {
                    self.rx.drain(..i + BANNER_PROMPT.len());
                    if soft_reset {
                        self.tx.push(ctrl::D);
                        self.wait(State::WaitReboot, now, self.cfg.reset_timeout_ms);
                    } else {
                        self.in_raw(now);
                    }
                }
            }
            State::WaitReboot => {
                if let Some(i) = find(&self.rx, SOFT_REBOOT) {
                    self.rx.drain(..i + SOFT_REBOOT.len());
                    self.wait(State::WaitRebootBanner, now, self.cfg.reset_timeout_ms);
                }
            }
            State::WaitRebootBanner => {
                // boot.py / main.py output may come first
                if let Some(i) = find(&self.rx, BANNER_PROMPT) {
                    self.rx.drain(..i + BANNER_PROMPT.len());
                    self.in_raw(now);
                }
            }
            State::ExtReply => {
                // `RW>` (Weft), `R\x00>` (stock), `raw REPL; CTRL-B to exit\r\n>` (old)
                if let Some(i) = self.rx.iter().position(|&c| c == b'>') {
                    self.ext = self.rx[..i].ends_with(b"RW");
                    self.rx.drain(..=i);
                    self.raw_ready();
                }
            }
            State::PasteReply => {
                if self.rx.len() < 2 {
                    return;
                }
                let reply: Vec<u8> = self.rx.drain(..2).collect();
                match &reply[..] {
                    b"R\x01" => self.wait(State::PasteWindow, now, self.cfg.reply_timeout_ms),
                    b"R\x00" => {
                        self.no_paste = true;
                        self.events.push_back(Event::Transfer(Transfer::Raw));
                        self.state = State::RawSending { next_at: now };
                        self.deadline = None;
                    }
                    _ => {
                        // old firmware took `\x05A` as code and `\x01` as "re-enter raw REPL"
                        self.no_paste = true;
                        let mut r = reply;
                        r.append(&mut self.rx);
                        self.rx = r;
                        self.wait(State::OldFirmware, now, self.cfg.reply_timeout_ms);
                    }
                }
            }
            State::OldFirmware => {
                if let Some(i) = find(&self.rx, BANNER_PROMPT) {
                    self.rx.drain(..i + BANNER_PROMPT.len());
                    self.events.push_back(Event::Transfer(Transfer::Raw));
                    self.state = State::RawSending { next_at: now };
                    self.deadline = None;
                }
            }
            State::PasteWindow => {
                if self.rx.len() < 2 {
                    return;
                }
                let window = u16::from_le_bytes([self.rx[0], self.rx[1]]);
                self.rx.drain(..2);
                if window == 0 {
                    let got = core::mem::take(&mut self.rx);
                    return self.fail(Error::Unexpected {
                        during: "raw-paste setup (window size 0)",
                        got,
                    });
                }
                self.events
                    .push_back(Event::Transfer(Transfer::RawPaste { window }));
                self.deadline = None;
                self.paste_send(window, window as usize, now);
            }
            State::Pasting { window, mut credit } => {
                let mut i = 0;
                while i < self.rx.len() {
                    match self.rx[i] {
                        ctrl::A => {
                            credit += window as usize;
                            self.deadline = None;
                        }
                        ctrl::D => {
                            // the device ended the transfer early
                            if !self.paste_aborted {
                                self.tx.push(ctrl::D);
                            }
                            self.rx.drain(..=i);
                            self.start_running(now);
                            return;
                        }
                        _ => {
                            let got = core::mem::take(&mut self.rx);
                            return self.fail(Error::Unexpected {
                                during: "raw-paste transfer",
                                got,
                            });
                        }
                    }
                    i += 1;
                }
                self.rx.clear();
                self.paste_send(window, credit, now);
            }
            State::PasteEndAck => {
                // stray credit bytes may still arrive before the acknowledgement
                while let Some(&c) = self.rx.first() {
                    self.rx.remove(0);
                    match c {
                        ctrl::A => {}
                        ctrl::D => return self.start_running(now),
                        _ => {
                            let mut got = alloc::vec![c];
                            got.append(&mut self.rx);
                            return self.fail(Error::Unexpected {
                                during: "the end of a raw-paste transfer",
                                got,
                            });
                        }
                    }
                }
            }
            State::WaitOk => {
                if self.rx.len() < 2 {
                    return;
                }
                if self.rx.starts_with(b"OK") {
                    self.rx.drain(..2);
                    self.start_running(now);
                } else {
                    let got = core::mem::take(&mut self.rx);
                    self.fail(Error::Unexpected {
                        during: "code transfer (expected OK)",
                        got,
                    });
                }
            }
            State::RunOut => {
                let (out, rest) = match self.rx.iter().position(|&c| c == ctrl::D) {
                    Some(i) => {
                        let rest = self.rx.split_off(i + 1);
                        let mut out = core::mem::replace(&mut self.rx, rest);
                        out.pop();
                        (out, true)
                    }
                    None => (core::mem::take(&mut self.rx), false),
                };
                if !out.is_empty() {
                    self.events.push_back(Event::Stdout(out));
                }
                if rest {
                    self.state = State::RunErr { any: false };
                }
            }
            State::RunErr { any } => {
                let (err, end) = match self.rx.iter().position(|&c| c == ctrl::D) {
                    Some(i) => {
                        let rest = self.rx.split_off(i + 1);
                        let mut err = core::mem::replace(&mut self.rx, rest);
                        err.pop();
                        (err, true)
                    }
                    None => (core::mem::take(&mut self.rx), false),
                };
                let any = any || !err.is_empty();
                if !err.is_empty() {
                    self.events.push_back(Event::Stderr(err));
                }
                self.state = if end {
                    State::RunPrompt { failed: any }
                } else {
                    State::RunErr { any }
                };
            }
            State::RunPrompt { failed } => {
                if let Some(i) = self.rx.iter().position(|&c| c == b'>') {
                    // Weft framing: `W<status>` before the prompt
                    let status = if self.ext {
                        core::str::from_utf8(&self.rx[..i])
                            .ok()
                            .and_then(|t| t.trim().strip_prefix('W'))
                            .and_then(|n| n.parse::<i32>().ok())
                    } else {
                        None
                    };
                    let failed = status.map_or(failed, |s| s != 0);
                    self.rx.drain(..=i);
                    self.events.push_back(Event::Done { failed, status });
                    self.state = State::RawIdle;
                    self.deadline = None;
                }
            }
            State::Idle
            | State::Settle { .. }
            | State::RawIdle
            | State::RawSending { .. }
            | State::Failed => {
                // unsolicited bytes (a stock board's background threads): not ours to parse
                if self.state == State::RawIdle || matches!(self.state, State::RawSending { .. }) {
                    self.rx.clear();
                }
            }
        }
    }

    /// The raw banner arrived: ask for Weft framing (if configured), then ready.
    fn in_raw(&mut self, now: u64) {
        if self.cfg.weft_framing {
            self.rx.clear();
            self.tx.extend_from_slice(&[ctrl::E, b'W', ctrl::A]);
            self.wait(State::ExtReply, now, self.cfg.reply_timeout_ms);
        } else {
            self.raw_ready();
        }
    }

    fn raw_ready(&mut self) {
        self.state = State::RawIdle;
        self.deadline = None;
        self.events.push_back(Event::RawReady);
    }
}
