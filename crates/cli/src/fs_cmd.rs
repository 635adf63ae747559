//! `weft fs ls|cat|put|get|rm|mkdir --port PORT ...`: files on a board, through small Python
//! scripts run in raw REPL. Data travels hex-encoded (`binascii`, present in stock
//! MicroPython too). `put` writes `NAME.weft-tmp`, checks its hash on the board, then renames
//! it over `NAME`, so a transfer cut short leaves the old file intact. The hash is SHA-256
//! when the board has `hashlib.sha256`, else an Adler-32 computed by a small script.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

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

/// Bytes of file data per helper script (hex doubles it on the wire).
const CHUNK: usize = 2048;

/// A Python string literal for `s` (repr-style, ASCII-safe).
fn pystr(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Result<Vec<u8>, String> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) {
        return Err("odd-length hex from the board".into());
    }
    (0..s.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&s[i..i + 2], 16).map_err(|_| "bad hex from the board".to_string())
        })
        .collect()
}

/// Adler-32, the fallback checksum (same as the board-side script).
fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + x as u32) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

/// The board-side hash of file `p` printed as `sha256 HEX` or `adler32 N`.
fn hash_script(p: &str) -> String {
    let script = "import binascii
try:
    import hashlib
    _h = hashlib.sha256()
except Exception:
    _h = None
_a = 1
_b = 0
with open(_p, 'rb') as _f:
    while True:
        _d = _f.read(1024)
        if not _d:
            break
        if _h:
            _h.update(_d)
        else:
            for _x in _d:
                _a = (_a + _x) % 65521
                _b = (_b + _a) % 65521
if _h:
    print('sha256', binascii.hexlify(_h.digest()).decode())
else:
    print('adler32', (_b << 16) | _a)
";
    format!("_p = {p}\n{script}")
}

fn local_hash(kind: &str, data: &[u8]) -> String {
    match kind {
        "sha256" => hex(&Sha256::digest(data)),
        _ => adler32(data).to_string(),
    }
}

/// Run a helper script; a Python exception on the board becomes an error with its last line.
fn run(s: &mut Session, code: &str) -> Result<String, String> {
    let (out, err, failed) = s.exec_capture(code)?;
    if failed {
        let text = String::from_utf8_lossy(&err);
        let last = text
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("error");
        return Err(format!("the board said: {}", last.trim()));
    }
    Ok(String::from_utf8_lossy(&out).replace("\r\n", "\n"))
}

/// The line of `out` that starts with `key ` (helper scripts mark their answers, so output of
/// other threads that the board released into the same run is skipped).
fn answer<'a>(out: &'a str, key: &str) -> Option<&'a str> {
    out.lines()
        .rev()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(' ')))
}

fn board_hash(s: &mut Session, p: &str) -> Result<(String, String), String> {
    let out = run(s, &hash_script(p))?;
    for kind in ["sha256", "adler32"] {
        if let Some(v) = answer(&out, kind) {
            return Ok((kind.to_string(), v.trim().to_string()));
        }
    }
    Err(format!("no hash in the board's answer: {out:?}"))
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
            let p = pystr(path.as_deref().unwrap_or(""));
            let out = run(
                s,
                &format!(
                    "_p = {p} or '.'\n{}",
                    "import os
for _n in sorted(os.listdir(_p)):
    _s = os.stat(_p + '/' + _n)
    print('E', -1 if _s[0] & 0x4000 else _s[6], _n)
"
                ),
            )?;
            for l in out.lines().filter_map(|l| l.strip_prefix("E ")) {
                let (size, name) = l.split_once(' ').unwrap_or(("0", l));
                if size == "-1" {
                    println!("{:>10}  {name}/", "");
                } else {
                    println!("{size:>10}  {name}");
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
        FsCmd::Rm { path } => {
            let p = pystr(&path);
            run(
                s,
                &format!(
                    "_p = {p}\n{}",
                    "import os
if os.stat(_p)[0] & 0x4000:
    os.rmdir(_p)
else:
    os.remove(_p)
"
                ),
            )?;
            Ok(())
        }
        FsCmd::Mkdir { path } => {
            run(s, &format!("import os\nos.mkdir({})\n", pystr(&path)))?;
            Ok(())
        }
    }
}

/// Read a file from the board, chunk by chunk, and check its hash.
fn get(s: &mut Session, remote: &str) -> Result<Vec<u8>, String> {
    let p = pystr(remote);
    let out = run(s, &format!("import os\nprint('N', os.stat({p})[6])\n"))?;
    let size: usize = answer(&out, "N")
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("no size in the board's answer: {out:?}"))?;
    let mut data = Vec::with_capacity(size);
    let mut progress = Progress::new("receiving", size);
    while data.len() < size {
        let out = run(
            s,
            &format!(
                "import binascii\nwith open({p},'rb') as _f:\n _f.seek({})\n print('D', binascii.hexlify(_f.read({CHUNK})).decode())\n",
                data.len()
            ),
        )?;
        let chunk = unhex(answer(&out, "D").unwrap_or(""))?;
        if chunk.is_empty() {
            return Err(format!("'{remote}' shrank while being read"));
        }
        data.extend_from_slice(&chunk);
        progress.update(data.len(), size);
    }
    let (kind, want) = board_hash(s, &p)?;
    if local_hash(&kind, &data) != want {
        return Err(format!(
            "{kind} mismatch: the copy of '{remote}' is damaged"
        ));
    }
    Ok(data)
}

/// Write `data` to `remote.weft-tmp`, verify, rename over `remote`.
fn put(s: &mut Session, data: &[u8], remote: &str) -> Result<(), String> {
    let tmp = format!("{remote}.weft-tmp");
    let (pt, pr) = (pystr(&tmp), pystr(remote));
    run(s, &format!("_wf=open({pt},'wb')\n"))?;
    let mut progress = Progress::new("sending", data.len());
    for (i, chunk) in data.chunks(CHUNK).enumerate() {
        run(
            s,
            &format!(
                "import binascii\n_wf.write(binascii.unhexlify('{}'))\n",
                hex(chunk)
            ),
        )?;
        progress.update((i * CHUNK + chunk.len()).min(data.len()), data.len());
    }
    run(s, "_wf.close()\ndel _wf\n")?;
    let (kind, got) = board_hash(s, &pt)?;
    if local_hash(&kind, data) != got {
        let _ = run(s, &format!("import os\nos.remove({pt})\n"));
        return Err(format!(
            "{kind} mismatch after the transfer; '{remote}' was left unchanged"
        ));
    }
    run(
        s,
        &format!(
            "_t = {pt}\n_d = {pr}\n{}",
            "import os
try:
    os.rename(_t, _d)
except OSError:
    os.remove(_d)
    os.rename(_t, _d)
"
        ),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(pystr("a'b\\c\n"), "'a\\'b\\\\c\\x0a'");
        assert_eq!(
            unhex(&hex(&[0, 1, 254, 255])).unwrap(),
            vec![0, 1, 254, 255]
        );
        assert!(unhex("abc").is_err());
        // Adler-32 of "Wikipedia" (the textbook example)
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(answer("noise\nD 00ff\n", "D"), Some("00ff"));
    }
}
