//! `weft fs ls|cat|put|get|rm|mkdir --port PORT ...`: files on a board, through small Python
//! scripts run in raw REPL. Data travels hex-encoded (`binascii`, present in stock
//! MicroPython too). `put` writes `NAME.weft-tmp`, checks its hash on the board, then renames
//! it over `NAME`, so a transfer cut short leaves the old file intact. The hash is SHA-256
//! when the board has `hashlib.sha256`, else an Adler-32 computed by a small script.

use std::path::PathBuf;

use weft_bridge::files;

use crate::push::{Progress, Session};

#[derive(clap::Args, Debug)]
pub struct FsArgs {
    /// The board's serial port (or pty path)
    #[arg(long, short = 'p', value_name = "PORT", global = true)]
    pub port: Option<String>,
    #[command(subcommand)]
    pub cmd: FsCmd,
}

#[derive(clap::Subcommand, Debug)]
pub enum FsCmd {
    /// List a folder on the board (default: the current folder)
    Ls { path: Option<String> },
    /// Print a file from the board
    Cat { path: String },
    /// Copy a local file to the board (atomically, verified by hash)
    Put {
        local: PathBuf,
        /// Where on the board (default: the local file's name)
        remote: Option<String>,
    },
    /// Copy a file from the board (verified by hash)
    Get {
        remote: String,
        /// Where to write it (default: the remote file's name)
        local: Option<PathBuf>,
    },
    /// Remove a file (or an empty folder) on the board
    Rm { path: String },
    /// Make a folder on the board
    Mkdir { path: String },
}

/// Run a helper script; a Python exception on the board becomes an error with its last line.
fn run(s: &mut Session, code: &str) -> Result<String, String> {
    let (out, err, failed) = s.exec_capture(code)?;
    files::script_result(&out, &err, failed)
}

pub fn main(args: FsArgs) -> i32 {
    let Some(port) = args.port.clone() else {
        eprintln!("weft fs: --port PORT is required");
        return 2;
    };
    let r = Session::open(&port).and_then(|mut s| {
        s.enter_raw(false)?;
        let r = command(&mut s, args.cmd);
        s.leave_raw();
        r
    });
    match r {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("weft fs: {e}");
            1
        }
    }
}

fn command(s: &mut Session, cmd: FsCmd) -> Result<(), String> {
    match cmd {
        FsCmd::Ls { path } => {
            let out = run(s, &files::ls_script(path.as_deref().unwrap_or("")))?;
            for (name, size) in files::parse_ls(&out) {
                match size {
                    None => println!("{:>10}  {name}/", ""),
                    Some(size) => println!("{size:>10}  {name}"),
                }
            }
            Ok(())
        }
        FsCmd::Cat { path } => {
            let data = get(s, &path)?;
            use std::io::Write;
            let _ = std::io::stdout().write_all(&data);
            Ok(())
        }
        FsCmd::Get { remote, local } => {
            let data = get(s, &remote)?;
            let local =
                local.unwrap_or_else(|| PathBuf::from(remote.rsplit('/').next().unwrap_or("file")));
            std::fs::write(&local, &data)
                .map_err(|e| format!("can't write '{}': {e}", local.display()))?;
            eprintln!("{} bytes, hash verified → {}", data.len(), local.display());
            Ok(())
        }
        FsCmd::Put { local, remote } => {
            let data = std::fs::read(&local)
                .map_err(|e| format!("can't read '{}': {e}", local.display()))?;
            let remote = remote.unwrap_or_else(|| {
                local
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            put(s, &data, &remote)?;
            eprintln!("{} bytes, hash verified → :{remote}", data.len());
            Ok(())
        }
        FsCmd::Rm { path } => run(s, &files::rm_script(&path)).map(|_| ()),
        FsCmd::Mkdir { path } => run(s, &files::mkdir_script(&path)).map(|_| ()),
    }
}

/// Read a file from the board (bridge's `files::Get`: chunked, hash-checked).
fn get(s: &mut Session, remote: &str) -> Result<Vec<u8>, String> {
    let mut get = files::Get::new(remote);
    let mut progress: Option<Progress> = None;
    while let Some(script) = get.next_script() {
        let (out, err, failed) = s.exec_capture(&script)?;
        get.answer(&out, &err, failed)?;
        let (done, size) = get.progress();
        progress
            .get_or_insert_with(|| Progress::new("receiving", size))
            .update(done, size);
    }
    Ok(get.into_data())
}

/// Write `data` to the board atomically (bridge's `files::Put`: temp file, hash, rename).
fn put(s: &mut Session, data: &[u8], remote: &str) -> Result<(), String> {
    let mut put = files::Put::new(data.to_vec(), remote);
    let mut progress = Progress::new("sending", data.len());
    while let Some(script) = put.next_script() {
        let (out, err, failed) = s.exec_capture(&script)?;
        put.answer(&out, &err, failed)?;
        let (done, total) = put.progress();
        progress.update(done, total);
    }
    Ok(())
}
