//! The host side of the bridge for the page: `weft_bridge::host::Host` (raw REPL, raw-paste
//! with fallback to raw, Ctrl-C, timeouts) and `weft_bridge::files::Put` (atomic file
//! upload), unchanged, behind wasm-bindgen. No I/O here: web/ui/board/ moves the bytes
//! between this and a WebSerial port and passes the time in (milliseconds).
//!
//! Built by `cargo xtask wasm` as its own small module (no threads, no shared memory) into
//! web/pkg-bridge/, loaded only when the user first connects a board.

use wasm_bindgen::prelude::*;
use weft_bridge::files;
use weft_bridge::host::{Config, Event, Host, Transfer};

/// One event of the host, flattened for JS: `kind` is one of `raw-ready`, `transfer`,
/// `progress`, `running`, `stdout`, `stderr`, `done`, `error`.
#[wasm_bindgen]
pub struct HostEvent {
    kind: &'static str,
    data: Vec<u8>,
    text: String,
    a: f64,
    b: f64,
    failed: bool,
}

#[wasm_bindgen]
impl HostEvent {
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        self.kind.into()
    }
    /// Output bytes (`stdout`, `stderr`).
    #[wasm_bindgen(getter)]
    pub fn data(&self) -> Vec<u8> {
        self.data.clone()
    }
    /// The error's message (`error`), or `raw-paste` / `raw` (`transfer`).
    #[wasm_bindgen(getter)]
    pub fn text(&self) -> String {
        self.text.clone()
    }
    /// `progress`: bytes sent; `transfer`: raw-paste window; `done`: the exit status (Weft
    /// boards) or NaN (stock boards report none).
    #[wasm_bindgen(getter)]
    pub fn sent(&self) -> f64 {
        self.a
    }
    /// `progress`: bytes in all.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> f64 {
        self.b
    }
    /// `done`: the board reported an exception.
    #[wasm_bindgen(getter)]
    pub fn failed(&self) -> bool {
        self.failed
    }
}

fn event(ev: Event) -> HostEvent {
    let mut out = HostEvent {
        kind: "",
        data: Vec::new(),
        text: String::new(),
        a: 0.0,
        b: 0.0,
        failed: false,
    };
    match ev {
        Event::RawReady => out.kind = "raw-ready",
        Event::Transfer(t) => {
            out.kind = "transfer";
            match t {
                Transfer::RawPaste { window } => {
                    out.text = "raw-paste".into();
                    out.a = window as f64;
                }
                Transfer::Raw => out.text = "raw".into(),
            }
        }
        Event::Progress { sent, total } => {
            out.kind = "progress";
            out.a = sent as f64;
            out.b = total as f64;
        }
        Event::Running => out.kind = "running",
        Event::Stdout(d) => {
            out.kind = "stdout";
            out.data = d;
        }
        Event::Stderr(d) => {
            out.kind = "stderr";
            out.data = d;
        }
        Event::Done { failed, status } => {
            out.kind = "done";
            out.failed = failed;
            out.a = status.map_or(f64::NAN, |s| s as f64);
        }
        Event::Error(e) => {
            out.kind = "error";
            out.text = e.to_string();
        }
    }
    out
}

/// `weft_bridge::host::Host` with its default timing (3 s reply deadline).
#[wasm_bindgen]
pub struct BoardHost {
    host: Host,
}

fn ms(now: f64) -> u64 {
    if now.is_finite() && now > 0.0 {
        now as u64
    } else {
        0
    }
}

#[wasm_bindgen]
impl BoardHost {
    #[wasm_bindgen(constructor)]
    pub fn new() -> BoardHost {
        BoardHost {
            host: Host::new(Config::default()),
        }
    }

    /// Bytes to write to the board (empties the queue).
    pub fn take_tx(&mut self) -> Vec<u8> {
        self.host.take_tx()
    }

    pub fn receive(&mut self, data: &[u8], now: f64) {
        self.host.receive(data, ms(now))
    }

    /// The next event, or `undefined` when there is none for now.
    pub fn poll(&mut self, now: f64) -> Option<HostEvent> {
        self.host.poll(ms(now)).map(event)
    }

    /// When `poll` next has something to do without new input (ms), or `undefined`.
    pub fn next_wakeup(&self) -> Option<f64> {
        self.host.next_wakeup().map(|t| t as f64)
    }

    pub fn is_raw_idle(&self) -> bool {
        self.host.is_raw_idle()
    }

    pub fn is_busy(&self) -> bool {
        self.host.is_busy()
    }

    pub fn enter_raw(&mut self, soft_reset: bool, now: f64) {
        self.host.enter_raw(soft_reset, ms(now))
    }

    /// Run `code`; `run_timeout`: the longest silence allowed from the program (ms), or none.
    pub fn exec(&mut self, code: &str, run_timeout: Option<f64>, now: f64) {
        self.host
            .exec(code.as_bytes(), run_timeout.map(ms), ms(now))
    }

    pub fn interrupt(&mut self) {
        self.host.interrupt()
    }

    pub fn leave_raw(&mut self) {
        self.host.leave_raw()
    }
}

impl Default for BoardHost {
    fn default() -> Self {
        Self::new()
    }
}

/// `weft_bridge::files::Put`: the atomic upload (`NAME.weft-tmp`, hash check, rename), as
/// the scripts to run one after the other.
#[wasm_bindgen]
pub struct FilePut {
    put: files::Put,
}

#[wasm_bindgen]
impl FilePut {
    #[wasm_bindgen(constructor)]
    pub fn new(data: &[u8], remote: &str) -> FilePut {
        FilePut {
            put: files::Put::new(data.to_vec(), remote),
        }
    }

    /// The next script to run, or `undefined` once the file is in place.
    pub fn next_script(&self) -> Option<String> {
        self.put.next_script()
    }

    /// What the script printed; an error (a string) ends the transfer, the board's file
    /// untouched.
    pub fn answer(&mut self, out: &[u8], err: &[u8], failed: bool) -> Result<(), String> {
        self.put.answer(out, err, failed)
    }

    pub fn sent(&self) -> f64 {
        self.put.progress().0 as f64
    }

    pub fn total(&self) -> f64 {
        self.put.progress().1 as f64
    }
}
