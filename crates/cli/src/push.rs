//! The host side in the terminal: a `Session` drives `weft_bridge::host::Host` over a serial
//! port (or a pty path), and `weft push` runs a script on the board with live output.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use weft_bridge::host::{Config, Event, Host};

#[derive(clap::Args, Debug)]
pub struct PushArgs {
    /// The board's serial port (or pty path), e.g. /dev/ttyUSB0
    #[arg(long, short = 'p', value_name = "PORT")]
    pub port: String,
    /// Don't soft-reset the board first (keep the previous program's state and threads)
    #[arg(long)]
    pub no_reset: bool,
    /// The script to run on the board
    pub script: PathBuf,
}

/// How long a board may stay silent before a protocol step fails.
const REPLY_TIMEOUT_MS: u64 = 3000;

pub struct Session {
    port: Box<dyn serialport::SerialPort>,
    pub host: Host,
    t0: Instant,
    path: String,
}

/// Ctrl-C presses not yet forwarded (set by the SIGINT handler).
static CTRL_C: AtomicUsize = AtomicUsize::new(0);

/// Forward Ctrl-C to the board instead of dying; the third press ends the command.
pub fn forward_ctrl_c() {
    let _ = ctrlc::set_handler(|| {
        if CTRL_C.fetch_add(1, Ordering::SeqCst) >= 2 {
            let _ = io::stderr().write_all(b"\nweft: interrupted\n");
            std::process::exit(130);
        }
    });
}

/// What to do after an event.
pub enum Flow {
    Continue,
    Stop,
}

impl Session {
    pub fn open(path: &str) -> Result<Session, String> {
        let port = serialport::new(path, 115_200)
            .timeout(Duration::from_millis(10))
            .open()
            .map_err(|e| format!("can't open the board's port '{path}': {e}"))?;
        let cfg = Config {
            reply_timeout_ms: REPLY_TIMEOUT_MS,
            ..Config::default()
        };
        Ok(Session {
            port,
            host: Host::new(cfg),
            t0: Instant::now(),
            path: path.to_string(),
        })
    }

    pub fn now(&self) -> u64 {
        self.t0.elapsed().as_millis() as u64
    }

    fn lost(&self, e: &io::Error) -> String {
        format!(
            "lost the board on '{}': {e} (it disappeared or reset)",
            self.path
        )
    }

    fn write_all(&mut self, mut data: &[u8]) -> Result<(), String> {
        let start = Instant::now();
        while !data.is_empty() {
            match self.port.write(data) {
                Ok(0) => return Err(self.lost(&io::Error::other("write returned 0"))),
                Ok(n) => data = &data[n..],
                Err(e)
                    if e.kind() == io::ErrorKind::TimedOut
                        || e.kind() == io::ErrorKind::Interrupted
                        || e.kind() == io::ErrorKind::WouldBlock =>
                {
                    if start.elapsed() > Duration::from_millis(REPLY_TIMEOUT_MS) {
                        return Err(format!(
                            "the board stopped reading on '{}' (nothing accepted for {} s)",
                            self.path,
                            REPLY_TIMEOUT_MS / 1000
                        ));
                    }
                }
                Err(e) => return Err(self.lost(&e)),
            }
        }
        let _ = self.port.flush();
        Ok(())
    }

    /// Move bytes and run the state machine until `on_event` says stop (or an error).
    pub fn drive(&mut self, mut on_event: impl FnMut(&Event) -> Flow) -> Result<(), String> {
        let mut buf = [0u8; 4096];
        loop {
            while CTRL_C.load(Ordering::SeqCst) > 0 {
                CTRL_C.fetch_sub(1, Ordering::SeqCst);
                self.host.interrupt();
            }
            let tx = self.host.take_tx();
            if !tx.is_empty() {
                self.write_all(&tx)?;
            }
            let now = self.now();
            while let Some(ev) = self.host.poll(now) {
                if let Event::Error(e) = &ev {
                    return Err(e.to_string());
                }
                if let Flow::Stop = on_event(&ev) {
                    let tx = self.host.take_tx();
                    if !tx.is_empty() {
                        self.write_all(&tx)?;
                    }
                    return Ok(());
                }
            }
            let tx = self.host.take_tx();
            if !tx.is_empty() {
                self.write_all(&tx)?;
                continue;
            }
            match self.port.read(&mut buf) {
                Ok(0) => return Err(self.lost(&io::Error::other("end of file"))),
                Ok(n) => {
                    let now = self.now();
                    self.host.receive(&buf[..n], now);
                }
                Err(e)
                    if e.kind() == io::ErrorKind::TimedOut
                        || e.kind() == io::ErrorKind::Interrupted
                        || e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(self.lost(&e)),
            }
        }
    }

    /// Interrupt the board and enter raw REPL (`soft_reset`: and soft-reset it).
    pub fn enter_raw(&mut self, soft_reset: bool) -> Result<(), String> {
        let now = self.now();
        self.host.enter_raw(soft_reset, now);
        self.drive(|ev| match ev {
            Event::RawReady => Flow::Stop,
            _ => Flow::Continue,
        })
    }

    /// Run `code`, returning (stdout, stderr, failed). For short helper scripts: the board
    /// must answer within `REPLY_TIMEOUT_MS`.
    pub fn exec_capture(&mut self, code: &str) -> Result<(Vec<u8>, Vec<u8>, bool), String> {
        let now = self.now();
        self.host.exec(code.as_bytes(), Some(REPLY_TIMEOUT_MS), now);
        let (mut out, mut err, mut failed) = (Vec::new(), Vec::new(), false);
        self.drive(|ev| match ev {
            Event::Stdout(b) => {
                out.extend_from_slice(b);
                Flow::Continue
            }
            Event::Stderr(b) => {
                err.extend_from_slice(b);
                Flow::Continue
            }
            Event::Done { failed: f, .. } => {
                failed = *f;
                Flow::Stop
            }
            _ => Flow::Continue,
        })?;
        Ok((out, err, failed))
    }

    /// Leave raw REPL (back to the friendly REPL).
    pub fn leave_raw(&mut self) {
        self.host.leave_raw();
        let tx = self.host.take_tx();
        let _ = self.write_all(&tx);
    }
}

/// `\r\n` → `\n` across chunk boundaries (stock MicroPython sends `\r\n`).
#[derive(Default)]
pub struct Uncook {
    cr: bool,
}

impl Uncook {
    pub fn apply(&mut self, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(data.len() + 1);
        for &b in data {
            if self.cr && b != b'\n' {
                out.push(b'\r');
            }
            self.cr = b == b'\r';
            if !self.cr {
                out.push(b);
            }
        }
        out
    }
}

/// Progress on stderr for transfers bigger than a few KB, when stderr is a terminal.
pub struct Progress {
    label: String,
    show: bool,
    last: Instant,
}

impl Progress {
    pub fn new(label: &str, total: usize) -> Progress {
        use std::io::IsTerminal;
        Progress {
            label: label.to_string(),
            show: total > 8192 && io::stderr().is_terminal(),
            last: Instant::now() - Duration::from_secs(1),
        }
    }
    pub fn update(&mut self, done: usize, total: usize) {
        if !self.show || (self.last.elapsed() < Duration::from_millis(100) && done < total) {
            return;
        }
        self.last = Instant::now();
        let pct = (done * 100).checked_div(total).unwrap_or(100);
        let _ = write!(
            io::stderr(),
            "\r{}: {done}/{total} bytes ({pct}%)",
            self.label
        );
        if done >= total {
            let _ = writeln!(io::stderr());
        }
    }
}

pub fn main(args: PushArgs) -> i32 {
    let code = match std::fs::read(&args.script) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("weft push: can't read '{}': {e}", args.script.display());
            return 2;
        }
    };
    match push(&args.port, &code, !args.no_reset) {
        Ok(status) => status,
        Err(e) => {
            eprintln!("weft push: {e}");
            1
        }
    }
}

/// Run `code` on the board at `port`, streaming its output. The exit status is the
/// program's where the board reports it (Weft boards: 0, 1, the code of `SystemExit`, 3
/// for a deadlock), else 1 when the board reports an exception (stock boards).
pub fn push(port: &str, code: &[u8], reset: bool) -> Result<i32, String> {
    let mut s = Session::open(port)?;
    forward_ctrl_c();
    s.enter_raw(reset)?;
    let now = s.now();
    s.host.exec(code, None, now);
    let mut progress = Progress::new("sending", code.len());
    let mut uncook_out = Uncook::default();
    let mut uncook_err = Uncook::default();
    let mut failed = false;
    let mut status = None;
    s.drive(|ev| {
        match ev {
            Event::Progress { sent, total } => progress.update(*sent, *total),
            Event::Stdout(b) => {
                let mut o = io::stdout().lock();
                let _ = o.write_all(&uncook_out.apply(b));
                let _ = o.flush();
            }
            Event::Stderr(b) => {
                let _ = io::stdout().flush();
                let _ = io::stderr().write_all(&uncook_err.apply(b));
            }
            Event::Done {
                failed: f,
                status: st,
            } => {
                failed = *f;
                status = *st;
                return Flow::Stop;
            }
            _ => {}
        }
        Flow::Continue
    })?;
    s.leave_raw();
    Ok(status.unwrap_or(if failed { 1 } else { 0 }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncook_across_chunks() {
        let mut u = Uncook::default();
        let mut out = u.apply(b"a\r");
        out.extend(u.apply(b"\nb\rc\r\n"));
        assert_eq!(out, b"a\nb\rc\n");
    }
}
