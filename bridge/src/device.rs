//! The device side: what a board running Weft (or `weft board`) does with the bytes that
//! arrive on its console.
//!
//! The runner (the code that owns the interpreter) feeds received bytes with [`Device::feed`],
//! sends whatever [`Device::take_output`] returns, and acts on [`Device::next_event`]:
//! run a friendly-REPL line or paste block, run raw-REPL code, interrupt, soft-reset. While
//! code runs, the runner passes the program's output through [`Device::output`] and ends the
//! run with [`Device::exec_done`].
//!
//! **The fence.** Output that arrives while the device sits idle in raw REPL (threads of a
//! script that has already ended) is not sent: it is held (up to [`HELD_MAX`] bytes; beyond
//! that the oldest bytes are dropped and counted) and released as the first stdout bytes of
//! the next run, or when the host leaves raw REPL. So between the closing `>` of one command
//! and the `OK` (or raw-paste acknowledgement) of the next, the device sends nothing but
//! protocol replies, which is all a stock MicroPython host (pyboard.py, mpremote) expects.
//! During a run, thread output is part of the run's stdout, as it is natively.

use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::{ctrl, Stream, RAW_BANNER, SOFT_REBOOT};

/// Most bytes of idle-time thread output kept for the next run.
pub const HELD_MAX: usize = 16 * 1024;

/// What the runner must do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Friendly REPL: a line was entered (no newline). The runner runs it, or collects it
    /// into a block, and then calls [`Device::prompt`].
    Line(String),
    /// Friendly REPL: Ctrl-C at the prompt: forget any block being collected.
    Cancel,
    /// Friendly REPL: a paste-mode block ended with Ctrl-D: run it, then call `prompt(false)`.
    Paste(String),
    /// Raw REPL: run this code, then call [`Device::exec_done`].
    Exec(Vec<u8>),
    /// Ctrl-C while code runs: raise `KeyboardInterrupt` in it.
    Interrupt,
    /// Ctrl-D on empty input: end the program and all its threads, start a new interpreter,
    /// then call [`Device::soft_reset_done`].
    SoftReset,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Friendly,
    Paste,
    Raw,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Raw {
    /// collecting code
    Code,
    /// got Ctrl-E, waiting for 'A'
    PasteA,
    /// got Ctrl-E 'A', waiting for Ctrl-A
    PasteCtrlA,
    /// got Ctrl-E 'W', waiting for Ctrl-A (a Weft host asks for Weft framing)
    ExtCtrlA,
    /// in raw-paste: receiving code under flow control
    Pasting,
}

pub struct Device {
    banner: String,
    mode: Mode,
    raw: Raw,
    /// a run (friendly or raw) or a soft reset is in progress
    busy: bool,
    /// the run in progress came from raw REPL
    raw_run: bool,
    line: Vec<u8>,
    code: Vec<u8>,
    /// skip the rest of an escape sequence (arrow keys) in the friendly REPL
    esc: u8,
    /// the last friendly-REPL byte was `\r` (a `\n` after it is part of the same Enter)
    after_cr: bool,
    window: u16,
    window_remain: u16,
    tx: Vec<u8>,
    events: VecDeque<Event>,
    /// bytes that arrived while busy (other than Ctrl-C): `input()` reads them; the rest is
    /// processed when the run ends
    pending_in: VecDeque<u8>,
    /// stderr of the current raw run (sent after the first `\x04`)
    run_err: Vec<u8>,
    /// some of the run's stderr did not fit in memory
    run_err_cut: bool,
    held: VecDeque<u8>,
    held_dropped: usize,
    /// Weft framing, asked for by a Weft host in this raw session (see [`Device::exec_finished`])
    ext: bool,
}

impl Device {
    /// A device whose friendly REPL greets with `banner` (lines separated by `\n`).
    /// `window` is the raw-paste flow-control window (half the receive buffer).
    pub fn new(banner: &str, window: u16) -> Device {
        Device {
            banner: String::from(banner),
            mode: Mode::Friendly,
            raw: Raw::Code,
            busy: false,
            raw_run: false,
            line: Vec::new(),
            code: Vec::new(),
            esc: 0,
            after_cr: false,
            window: window.max(16),
            window_remain: 0,
            tx: Vec::new(),
            events: VecDeque::new(),
            pending_in: VecDeque::new(),
            run_err: Vec::new(),
            run_err_cut: false,
            held: VecDeque::new(),
            held_dropped: 0,
            ext: false,
        }
    }

    /// The greeting of the friendly REPL from now on (a board knows its free heap only
    /// once its interpreter exists, after the device).
    pub fn set_banner(&mut self, banner: &str) {
        self.banner = String::from(banner);
    }

    /// Greet: the banner and the first prompt.
    pub fn start(&mut self) {
        self.send_banner();
        self.send(b">>> ");
    }

    /// Bytes to send to the host (empties the queue).
    pub fn take_output(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.tx)
    }

    pub fn has_output(&self) -> bool {
        !self.tx.is_empty()
    }

    pub fn next_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// Is the device in raw REPL (idle or running raw code)?
    pub fn in_raw(&self) -> bool {
        self.mode == Mode::Raw
    }

    pub fn is_busy(&self) -> bool {
        self.busy
    }

    /// Bytes of idle-time thread output held or dropped so far (for tests and status).
    pub fn held_len(&self) -> (usize, usize) {
        (self.held.len(), self.held_dropped)
    }

    fn send(&mut self, b: &[u8]) {
        self.tx.extend_from_slice(b);
    }

    /// The run's stderr, copied to the output without aborting: when the heap (a board's,
    /// nearly full after a program ran out) has no room for all of it, as much as fits
    /// and a line that says the rest was cut.
    fn send_err(&mut self, err: Vec<u8>) {
        const CUT: &[u8] = b"\n[stderr cut: the board is out of memory]\n";
        // (and room for the end of the reply after it: `\x04W<status>>`)
        const END: usize = 24;
        let mut n = err.len();
        while n > 0 && self.tx.try_reserve(n + CUT.len() + END).is_err() {
            n /= 2;
        }
        self.tx.extend_from_slice(&err[..n]);
        if n < err.len() || core::mem::take(&mut self.run_err_cut) {
            drop(err);
            self.send(CUT);
        }
    }

    /// `\n` → `\r\n`, for the terminal-facing friendly REPL.
    fn send_cooked(&mut self, b: &[u8]) {
        for &c in b {
            if c == b'\n' {
                self.tx.push(b'\r');
            }
            self.tx.push(c);
        }
    }

    fn send_banner(&mut self) {
        let banner = core::mem::take(&mut self.banner);
        self.send_cooked(banner.as_bytes());
        if !banner.ends_with('\n') {
            self.send(b"\r\n");
        }
        self.banner = banner;
    }

    fn enter_raw(&mut self) {
        self.mode = Mode::Raw;
        self.raw = Raw::Code;
        // every host starts with Ctrl-A: a stock host after a Weft one gets stock framing
        self.ext = false;
        self.code.clear();
        self.send(RAW_BANNER);
        self.send(b">");
    }

    /// Feed bytes received from the host.
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.busy {
                self.feed_busy(b);
            } else {
                self.feed_idle(b);
            }
        }
    }

    fn feed_busy(&mut self, b: u8) {
        if b == ctrl::C {
            // type-ahead stays (as in MicroPython's console ring buffer)
            self.events.push_back(Event::Interrupt);
        } else {
            self.pending_in.push_back(b);
        }
    }

    fn feed_idle(&mut self, b: u8) {
        match self.mode {
            Mode::Raw => self.feed_raw(b),
            Mode::Paste => self.feed_paste(b),
            Mode::Friendly => self.feed_friendly(b),
        }
    }

    fn feed_friendly(&mut self, b: u8) {
        let after_cr = core::mem::replace(&mut self.after_cr, b == b'\r');
        if self.esc > 0 {
            // ESC [ ... final byte (0x40..0x7e); ESC O x
            self.esc = match (self.esc, b) {
                (1, b'[') | (1, b'O') => 2,
                (2, b'0'..=b'9') | (2, b';') => 2,
                _ => 0,
            };
            return;
        }
        match b {
            0x1b => self.esc = 1,
            ctrl::A if self.line.is_empty() => {
                self.send(b"\r\n");
                self.enter_raw();
            }
            ctrl::B => {
                self.line.clear();
                self.send(b"\r\n");
                self.send_banner();
                self.events.push_back(Event::Cancel);
                self.send(b">>> ");
            }
            ctrl::C => {
                self.line.clear();
                self.send(b"\r\nKeyboardInterrupt\r\n");
                self.events.push_back(Event::Cancel);
                self.send(b">>> ");
            }
            ctrl::D if self.line.is_empty() => {
                self.send(b"\r\n");
                self.begin_reset();
            }
            ctrl::E if self.line.is_empty() => {
                self.mode = Mode::Paste;
                self.send(b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
            }
            b'\n' if after_cr => {}
            b'\r' | b'\n' => {
                self.send(b"\r\n");
                let line = String::from_utf8_lossy(&self.line).into_owned();
                self.line.clear();
                self.busy = true;
                self.raw_run = false;
                self.events.push_back(Event::Line(line));
            }
            0x08 | 0x7f if self.line.pop().is_some() => {
                // drop a whole UTF-8 character
                while matches!(self.line.last(), Some(c) if c & 0xc0 == 0x80) {
                    self.line.pop();
                }
                self.send(b"\x08 \x08");
            }
            b'\t' | 0x20..=0x7e | 0x80..=0xff => {
                self.line.push(b);
                self.send(&[b]);
            }
            _ => {}
        }
    }

    fn feed_paste(&mut self, b: u8) {
        match b {
            ctrl::C => {
                self.line.clear();
                self.mode = Mode::Friendly;
                self.send(b"\r\n");
                self.events.push_back(Event::Cancel);
                self.send(b">>> ");
            }
            ctrl::D => {
                self.mode = Mode::Friendly;
                self.send(b"\r\n");
                let code = String::from_utf8_lossy(&self.line).into_owned();
                self.line.clear();
                self.busy = true;
                self.raw_run = false;
                self.events.push_back(Event::Paste(code));
            }
            b'\r' => {
                self.line.push(b'\n');
                self.send(b"\r\n=== ");
            }
            b'\n' => {}
            _ => {
                self.line.push(b);
                self.send(&[b]);
            }
        }
    }

    fn feed_raw(&mut self, b: u8) {
        match self.raw {
            Raw::Pasting => self.feed_pasting(b),
            Raw::PasteA => {
                self.raw = if b == b'A' {
                    Raw::PasteCtrlA
                } else if b == b'W' {
                    Raw::ExtCtrlA
                } else {
                    // not a raw-paste request: keep the bytes as code
                    self.code.push(ctrl::E);
                    self.raw = Raw::Code;
                    return self.feed_raw(b);
                };
            }
            Raw::PasteCtrlA => {
                if b == ctrl::A {
                    self.raw = Raw::Pasting;
                    self.code.clear();
                    self.send(b"R\x01");
                    let w = self.window;
                    self.send(&[(w & 0xff) as u8, (w >> 8) as u8, ctrl::A]);
                    self.window_remain = w;
                } else {
                    self.code.extend_from_slice(&[ctrl::E, b'A']);
                    self.raw = Raw::Code;
                    self.feed_raw(b);
                }
            }
            Raw::ExtCtrlA => {
                if b == ctrl::A {
                    // Weft framing on: `RW` (a stock board answers `R\x00`), then the prompt
                    self.ext = true;
                    self.raw = Raw::Code;
                    self.send(b"RW>");
                } else {
                    self.code.extend_from_slice(&[ctrl::E, b'W']);
                    self.raw = Raw::Code;
                    self.feed_raw(b);
                }
            }
            Raw::Code => match b {
                ctrl::A => {
                    self.send(b"\r\n");
                    self.enter_raw();
                }
                ctrl::B => {
                    self.code.clear();
                    self.mode = Mode::Friendly;
                    self.send(b"\r\n");
                    self.send_banner();
                    self.release_held_cooked();
                    self.send(b">>> ");
                }
                ctrl::C => self.code.clear(),
                ctrl::D => {
                    if self.code.is_empty() {
                        self.begin_reset();
                    } else {
                        self.send(b"OK");
                        let code = core::mem::take(&mut self.code);
                        self.start_raw_run(code);
                    }
                }
                ctrl::E if self.code.is_empty() => self.raw = Raw::PasteA,
                _ => self.code.push(b),
            },
        }
    }

    fn feed_pasting(&mut self, b: u8) {
        match b {
            ctrl::C | ctrl::D => {
                // end of data (or abort): acknowledge, then run (or report the interrupt)
                self.send(&[ctrl::D]);
                self.raw = Raw::Code;
                let code = core::mem::take(&mut self.code);
                if b == ctrl::C {
                    self.busy = true;
                    self.raw_run = true;
                    self.run_err.clear();
                    self.run_err_cut = false;
                    self.run_err.extend_from_slice(b"KeyboardInterrupt: \n");
                    self.exec_done_inner(1);
                } else {
                    self.start_raw_run(code);
                }
            }
            _ => {
                self.code.push(b);
                self.window_remain -= 1;
                if self.window_remain == 0 {
                    self.send(&[ctrl::A]);
                    self.window_remain = self.window;
                }
            }
        }
    }

    fn start_raw_run(&mut self, code: Vec<u8>) {
        self.busy = true;
        self.raw_run = true;
        self.run_err.clear();
        self.run_err_cut = false;
        // the fence opens: held thread output leads this run's stdout
        if self.held_dropped > 0 {
            let note = format!("[{} bytes of thread output dropped]\n", self.held_dropped);
            self.send(note.as_bytes());
            self.held_dropped = 0;
        }
        let held: Vec<u8> = self.held.drain(..).collect();
        self.send(&held);
        self.events.push_back(Event::Exec(code));
    }

    fn release_held_cooked(&mut self) {
        let held: Vec<u8> = self.held.drain(..).collect();
        self.held_dropped = 0;
        self.send_cooked(&held);
    }

    fn begin_reset(&mut self) {
        self.busy = true;
        self.code.clear();
        self.line.clear();
        self.held.clear();
        self.held_dropped = 0;
        self.events.push_back(Event::SoftReset);
    }

    /// Output of the program (any thread). Sent now, collected for the exception section,
    /// or held behind the fence, depending on the state.
    pub fn output(&mut self, stream: Stream, data: &[u8]) {
        if self.busy && self.raw_run {
            match stream {
                Stream::Stdout => self.send(data),
                Stream::Stderr => {
                    // a board's heap can be nearly full when threads report their errors
                    // (MemoryError): what does not fit is dropped, and said so at the end
                    if self.run_err.try_reserve(data.len()).is_ok() {
                        self.run_err.extend_from_slice(data);
                    } else {
                        self.run_err_cut = true;
                    }
                }
            }
        } else if self.mode == Mode::Raw {
            self.held.extend(data.iter().copied());
            while self.held.len() > HELD_MAX {
                self.held.pop_front();
                self.held_dropped += 1;
            }
        } else {
            self.send_cooked(data);
        }
    }

    /// `input()` while code runs: the next line typed (without its end), if one has arrived.
    /// `None` means "not yet" (the runner waits and asks again).
    pub fn take_input_line(&mut self) -> Option<String> {
        let end = self
            .pending_in
            .iter()
            .position(|&c| c == b'\r' || c == b'\n')?;
        let line: Vec<u8> = self.pending_in.drain(..end).collect();
        let c = self.pending_in.pop_front();
        if c == Some(b'\r') && self.pending_in.front() == Some(&b'\n') {
            self.pending_in.pop_front();
        }
        if !self.raw_run {
            self.send_cooked(&line);
            self.send(b"\r\n");
        }
        Some(String::from_utf8_lossy(&line).into_owned())
    }

    /// The run started by `Line`, `Paste` or `Exec` has ended; `failed`: with an uncaught
    /// exception (its text was written to stderr through [`Device::output`]).
    pub fn exec_done(&mut self, failed: bool) {
        self.exec_done_inner(failed as i32);
    }

    /// The run has ended with this exit status (0; 1 after an uncaught exception; the code
    /// of `SystemExit`). Without Weft framing only `status != 0` matters, as for
    /// [`Device::exec_done`]: the exception section holds stderr when the run failed, and
    /// stderr of a run that succeeded goes before the first `\x04` (a non-empty exception
    /// section means "failed" to every stock host). With Weft framing (the host sent
    /// `\x05W\x01` in this raw session) stderr always goes to the exception section and the
    /// status follows the second `\x04` as `W<status>`, before the `>`.
    pub fn exec_finished(&mut self, status: i32) {
        self.exec_done_inner(status);
    }

    fn exec_done_inner(&mut self, status: i32) {
        let failed = status != 0;
        if !self.busy {
            return;
        }
        if self.raw_run && self.ext {
            let err = core::mem::take(&mut self.run_err);
            self.send(&[ctrl::D]);
            self.send_err(err);
            self.send(&[ctrl::D]);
            self.send(format!("W{status}>").as_bytes());
            self.busy = false;
            self.raw_run = false;
            self.replay_pending();
        } else if self.raw_run {
            let err = core::mem::take(&mut self.run_err);
            if failed {
                self.send(&[ctrl::D]);
                self.send_err(err);
            } else {
                // stderr of a successful run (warnings, a thread's traceback) stays stdout
                self.send_err(err);
                self.send(&[ctrl::D]);
            }
            self.send(&[ctrl::D]);
            self.send(b">");
            self.busy = false;
            self.raw_run = false;
            self.replay_pending();
        }
        // friendly runs end with `prompt`
    }

    /// Friendly REPL: show the prompt after a `Line`, `Paste` or `Cancel` (`continuation`:
    /// `... `, the block goes on).
    pub fn prompt(&mut self, continuation: bool) {
        self.busy = false;
        self.send(if continuation { b"... " } else { b">>> " });
        self.replay_pending();
    }

    /// The soft reset asked for by `SoftReset` is done (a new interpreter is ready).
    pub fn soft_reset_done(&mut self) {
        self.busy = false;
        self.raw_run = false;
        // whatever the old program's threads said while dying is not the new one's output
        self.held.clear();
        self.held_dropped = 0;
        self.send(b"MPY: ");
        self.send(SOFT_REBOOT);
        match self.mode {
            Mode::Raw => self.enter_raw(),
            _ => {
                self.mode = Mode::Friendly;
                self.send_banner();
                self.send(b">>> ");
            }
        }
        self.replay_pending();
    }

    /// Type-ahead that arrived during a run is processed once the device is idle again.
    fn replay_pending(&mut self) {
        while !self.busy {
            match self.pending_in.pop_front() {
                Some(b) => self.feed_idle(b),
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn dev() -> Device {
        let mut d = Device::new("Weft test board", 32);
        d.start();
        d.take_output();
        d
    }

    #[test]
    fn friendly_line_echo_and_prompt() {
        let mut d = dev();
        d.feed(b"1+1\x7f2\r");
        assert_eq!(d.take_output(), b"1+1\x08 \x082\r\n");
        assert_eq!(d.next_event(), Some(Event::Line("1+2".into())));
        d.output(Stream::Stdout, b"3\n");
        d.prompt(false);
        assert_eq!(d.take_output(), b"3\r\n>>> ");
    }

    #[test]
    fn friendly_arrow_keys_are_ignored_and_ctrl_c_cancels() {
        let mut d = dev();
        d.feed(b"x\x1b[A\x1b[1;5Cy\x03");
        assert_eq!(d.take_output(), b"xy\r\nKeyboardInterrupt\r\n>>> ");
        assert_eq!(d.next_event(), Some(Event::Cancel));
    }

    #[test]
    fn raw_exec_ok_and_error_sections() {
        let mut d = dev();
        d.feed(b"\x01");
        assert_eq!(d.take_output(), b"\r\nraw REPL; CTRL-B to exit\r\n>");
        d.feed(b"print(1)\x04");
        assert_eq!(d.take_output(), b"OK");
        assert_eq!(d.next_event(), Some(Event::Exec(b"print(1)".to_vec())));
        d.output(Stream::Stdout, b"1\n");
        d.output(Stream::Stderr, b"Traceback\n");
        d.exec_done(true);
        assert_eq!(d.take_output(), b"1\n\x04Traceback\n\x04>");
        d.feed(b"x\x04");
        d.next_event();
        d.output(Stream::Stderr, b"warn\n");
        d.exec_done(false);
        assert_eq!(d.take_output(), b"OKwarn\n\x04\x04>");
    }

    #[test]
    fn weft_framing_carries_the_status_and_stderr_of_a_success() {
        let mut d = dev();
        d.feed(b"\x01");
        d.take_output();
        d.feed(b"\x05W\x01");
        assert_eq!(d.take_output(), b"RW>");
        d.feed(b"x\x04");
        assert_eq!(d.next_event(), Some(Event::Exec(b"x".to_vec())));
        d.output(Stream::Stdout, b"out\n");
        d.output(Stream::Stderr, b"warn\n");
        d.exec_finished(0);
        assert_eq!(d.take_output(), b"OKout\n\x04warn\n\x04W0>");
        d.feed(b"y\x04");
        d.next_event();
        d.exec_finished(3);
        assert_eq!(d.take_output(), b"OK\x04\x04W3>");
        // a new Ctrl-A (any host) is stock framing again
        d.feed(b"\x01");
        d.take_output();
        d.feed(b"z\x04");
        d.next_event();
        d.output(Stream::Stderr, b"warn\n");
        d.exec_finished(0);
        assert_eq!(d.take_output(), b"OKwarn\n\x04\x04>");
    }

    #[test]
    fn raw_paste_flow_control() {
        let mut d = dev();
        d.feed(b"\x01");
        d.take_output();
        d.feed(b"\x05A\x01");
        assert_eq!(d.take_output(), b"R\x01\x20\x00\x01");
        let code = vec![b'a'; 70];
        d.feed(&code);
        // 70 bytes at window 32: two more windows granted
        assert_eq!(d.take_output(), b"\x01\x01");
        d.feed(b"\x04");
        assert_eq!(d.take_output(), b"\x04");
        assert_eq!(d.next_event(), Some(Event::Exec(code)));
    }

    #[test]
    fn not_a_paste_request_is_code() {
        let mut d = dev();
        d.feed(b"\x01");
        d.take_output();
        d.feed(b"\x05B\x04");
        assert_eq!(d.next_event(), Some(Event::Exec(b"\x05B".to_vec())));
    }

    #[test]
    fn fence_holds_idle_output_until_next_run() {
        let mut d = dev();
        d.feed(b"\x01x\x04");
        d.take_output();
        d.next_event();
        d.exec_done(false);
        assert_eq!(d.take_output(), b"\x04\x04>");
        d.output(Stream::Stdout, b"late\n");
        assert!(!d.has_output(), "nothing may follow the prompt");
        d.feed(b"\x05A\x01");
        assert_eq!(d.take_output(), b"R\x01\x20\x00\x01");
        d.feed(b"y\x04");
        assert_eq!(d.take_output(), b"\x04late\n");
    }

    #[test]
    fn fence_drops_oldest_beyond_limit() {
        let mut d = dev();
        d.feed(b"\x01");
        d.take_output();
        d.output(Stream::Stdout, &vec![b'z'; HELD_MAX + 10]);
        assert_eq!(d.held_len(), (HELD_MAX, 10));
        d.feed(b"y\x04");
        let out = d.take_output();
        assert!(out.starts_with(b"OK[10 bytes of thread output dropped]\nzzz"));
    }

    #[test]
    fn ctrl_c_while_busy_interrupts_and_type_ahead_is_replayed() {
        let mut d = dev();
        d.feed(b"\x01loop\x04");
        d.take_output();
        assert!(matches!(d.next_event(), Some(Event::Exec(_))));
        d.feed(b"print(\x03");
        assert_eq!(d.next_event(), Some(Event::Interrupt));
        d.feed(b"2)\x04");
        d.exec_done(true);
        assert_eq!(d.take_output(), b"\x04\x04>OK");
        assert_eq!(d.next_event(), Some(Event::Exec(b"print(2)".to_vec())));
    }

    #[test]
    fn soft_reset_in_raw_and_friendly() {
        let mut d = dev();
        d.feed(b"\x01");
        d.take_output();
        d.feed(b"\x04");
        assert_eq!(d.next_event(), Some(Event::SoftReset));
        d.soft_reset_done();
        assert_eq!(
            d.take_output(),
            b"MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>"
        );
        d.feed(b"\x02");
        d.take_output();
        d.feed(b"\x04");
        assert_eq!(d.next_event(), Some(Event::SoftReset));
        d.soft_reset_done();
        assert!(d.take_output().ends_with(b"Weft test board\r\n>>> "));
    }

    #[test]
    fn paste_mode() {
        let mut d = dev();
        d.feed(b"\x05if 1:\r  print(1)\r\x04");
        let out = d.take_output();
        assert!(out.starts_with(b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== if 1:"));
        assert_eq!(
            d.next_event(),
            Some(Event::Paste("if 1:\n  print(1)\n".into()))
        );
    }

    #[test]
    fn input_during_a_run() {
        let mut d = dev();
        d.feed(b"input()\r");
        d.take_output();
        d.next_event();
        assert_eq!(d.take_input_line(), None);
        d.feed(b"hello\r\n");
        assert_eq!(d.take_input_line(), Some("hello".into()));
        assert_eq!(d.take_output(), b"hello\r\n");
    }
}
