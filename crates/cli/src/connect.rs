//! `weft connect --port PORT`: a terminal on the board's REPL. Keys go to the board as typed
//! (the local terminal is in raw mode); Ctrl-] leaves. When stdin is not a terminal (a
//! script piped in), the session ends once stdin is done and the board has been quiet for
//! half a second.

use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct ConnectArgs {
    /// The board's serial port (or pty path)
    #[arg(long, short = 'p', value_name = "PORT")]
    pub port: String,
}

const QUIT: u8 = 0x1d; // Ctrl-]

pub fn main(args: ConnectArgs) -> i32 {
    let port = match serialport::new(&args.port, 115_200)
        .timeout(Duration::from_millis(20))
        .open()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("weft connect: can't open '{}': {e}", args.port);
            return 1;
        }
    };
    let mut writer = match port.try_clone() {
        Ok(w) => w,
        Err(e) => {
            eprintln!("weft connect: {e}");
            return 1;
        }
    };
    let guard = crate::tty::RawGuard::stdin();
    if guard.is_some() {
        eprint!("Connected to {} (Ctrl-] to quit)\r\n", args.port);
    }
    let done = Arc::new(AtomicBool::new(false));
    let interactive = guard.is_some();
    {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 1024];
            let stdin = crate::tty::Fd::stdin();
            loop {
                match stdin.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let data = &buf[..n];
                        if let Some(i) = data.iter().position(|&b| b == QUIT) {
                            let _ = writer.write_all(&data[..i]);
                            break;
                        }
                        if writer.write_all(data).is_err() {
                            break;
                        }
                    }
                }
            }
            done.store(true, Ordering::SeqCst);
        });
    }
    let mut port = port;
    let mut buf = [0u8; 4096];
    let mut quiet_since = std::time::Instant::now();
    loop {
        if done.load(Ordering::SeqCst)
            && (interactive || quiet_since.elapsed() > Duration::from_millis(500))
        {
            break;
        }
        match port.read(&mut buf) {
            Ok(0) => {}
            Ok(n) => {
                quiet_since = std::time::Instant::now();
                let mut out = io::stdout().lock();
                let _ = out.write_all(&buf[..n]);
                let _ = out.flush();
            }
            Err(e) if e.kind() == io::ErrorKind::TimedOut => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                drop(guard);
                eprintln!("\nweft connect: lost the board: {e}");
                return 1;
            }
        }
    }
    drop(guard);
    eprintln!();
    0
}
