//! Files on a board through small Python helper scripts run in raw REPL, as sans-IO step
//! machines: [`Put`] and [`Get`] hand out the next script to run ([`Put::next_script`]), the
//! driver runs it with [`crate::host::Host::exec`] and gives back what the run printed
//! ([`Put::answer`]). The CLI (`weft fs`) and the page (WebSerial, "Save as main.py") drive
//! the same steps.
//!
//! Data travels hex-encoded (`binascii`, present in stock MicroPython too), [`CHUNK`] bytes
//! per script. `put` writes `NAME.weft-tmp`, compares its hash on the board with the local
//! one, then renames it over `NAME`, so a transfer cut short leaves the old file intact. The
//! hash is SHA-256 when the board has `hashlib.sha256`, else an Adler-32 computed by the
//! script. Helper scripts mark their answer lines (`D ...`, `N ...`, `E ...`), so output of
//! other threads that the board releases into the same run cannot be taken for an answer.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use sha2::{Digest, Sha256};

/// Bytes of file data per helper script (hex doubles it on the wire).
pub const CHUNK: usize = 2048;

/// A Python string literal for `s` (repr-style, ASCII-safe).
pub fn pystr(s: &str) -> String {
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

pub fn hex(data: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(data.len() * 2);
    for &b in data {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

pub fn unhex(s: &str) -> Result<Vec<u8>, String> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) {
        return Err("odd-length hex from the board".into());
    }
    (0..s.len())
        .step_by(2)
        .map(|i| {
            s.get(i..i + 2)
                .and_then(|d| u8::from_str_radix(d, 16).ok())
                .ok_or_else(|| "bad hex from the board".to_string())
        })
        .collect()
}

/// Adler-32, the fallback checksum (same as the board-side script).
pub fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + x as u32) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

/// The board-side hash of the file named by the Python literal `p`, printed as
/// `sha256 HEX` or `adler32 N`.
pub fn hash_script(p: &str) -> String {
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

/// The local hash of `data` of the kind the board reported.
pub fn local_hash(kind: &str, data: &[u8]) -> String {
    match kind {
        "sha256" => hex(&Sha256::digest(data)),
        _ => adler32(data).to_string(),
    }
}

/// The last line of `out` that starts with `key ` (what follows it).
pub fn answer<'a>(out: &'a str, key: &str) -> Option<&'a str> {
    out.lines()
        .rev()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(' ')))
}

/// What a helper script's run gave: stdout as text, or the board's exception as an error.
pub fn script_result(out: &[u8], err: &[u8], failed: bool) -> Result<String, String> {
    if failed {
        let text = String::from_utf8_lossy(err);
        let last = text
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("error");
        return Err(format!("the board said: {}", last.trim()));
    }
    Ok(String::from_utf8_lossy(out).replace("\r\n", "\n"))
}

/// The `(kind, value)` of a hash script's answer.
fn parse_hash(out: &str) -> Result<(String, String), String> {
    for kind in ["sha256", "adler32"] {
        if let Some(v) = answer(out, kind) {
            return Ok((kind.to_string(), v.trim().to_string()));
        }
    }
    Err(format!("no hash in the board's answer: {out:?}"))
}

/// The script that lists a folder: one `E SIZE NAME` line per entry (size -1: a folder).
pub fn ls_script(path: &str) -> String {
    format!(
        "_p = {} or '.'\n{}",
        pystr(path),
        "import os
for _n in sorted(os.listdir(_p)):
    _s = os.stat(_p + '/' + _n)
    print('E', -1 if _s[0] & 0x4000 else _s[6], _n)
"
    )
}

/// `(name, size)` entries of an [`ls_script`] answer; `None` size: a folder.
pub fn parse_ls(out: &str) -> Vec<(String, Option<u64>)> {
    out.lines()
        .filter_map(|l| l.strip_prefix("E "))
        .map(|l| {
            let (size, name) = l.split_once(' ').unwrap_or(("0", l));
            (name.to_string(), size.parse().ok().filter(|_| size != "-1"))
        })
        .collect()
}

/// The script that removes a file or an empty folder.
pub fn rm_script(path: &str) -> String {
    format!(
        "_p = {}\n{}",
        pystr(path),
        "import os
if os.stat(_p)[0] & 0x4000:
    os.rmdir(_p)
else:
    os.remove(_p)
"
    )
}

pub fn mkdir_script(path: &str) -> String {
    format!("import os\nos.mkdir({})\n", pystr(path))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PutStep {
    Open,
    Write(usize),
    Close,
    Hash,
    /// the hash did not match: the temp file is being removed, then the error is returned
    Discard,
    Rename,
    Done,
}

/// Write a file on the board atomically: `NAME.weft-tmp`, hash-checked, renamed over `NAME`.
pub struct Put {
    data: Vec<u8>,
    remote: String,
    tmp: String,
    step: PutStep,
    mismatch: Option<String>,
}

impl Put {
    pub fn new(data: Vec<u8>, remote: &str) -> Put {
        let tmp = format!("{remote}.weft-tmp");
        Put {
            data,
            remote: remote.to_string(),
            tmp: pystr(&tmp),
            step: PutStep::Open,
            mismatch: None,
        }
    }

    /// The next script to run, `None` once the file is in place.
    pub fn next_script(&self) -> Option<String> {
        let pt = &self.tmp;
        Some(match self.step {
            PutStep::Open => format!("_wf=open({pt},'wb')\n"),
            PutStep::Write(at) => {
                let end = (at + CHUNK).min(self.data.len());
                format!(
                    "import binascii\n_wf.write(binascii.unhexlify('{}'))\n",
                    hex(&self.data[at..end])
                )
            }
            PutStep::Close => "_wf.close()\ndel _wf\n".to_string(),
            PutStep::Hash => hash_script(pt),
            PutStep::Discard => format!("import os\nos.remove({pt})\n"),
            PutStep::Rename => format!(
                "_t = {pt}\n_d = {}\n{}",
                pystr(&self.remote),
                "import os
try:
    os.rename(_t, _d)
except OSError:
    os.remove(_d)
    os.rename(_t, _d)
"
            ),
            PutStep::Done => return None,
        })
    }

    /// Bytes sent so far and in all.
    pub fn progress(&self) -> (usize, usize) {
        let sent = match self.step {
            PutStep::Open => 0,
            PutStep::Write(at) => at,
            _ => self.data.len(),
        };
        (sent, self.data.len())
    }

    /// The outcome of the script [`Put::next_script`] gave. An error ends the transfer (the
    /// board's `NAME` is untouched: only the rename replaces it).
    pub fn answer(&mut self, out: &[u8], err: &[u8], failed: bool) -> Result<(), String> {
        let r = script_result(out, err, failed);
        if self.step == PutStep::Discard {
            self.step = PutStep::Done;
            return Err(self.mismatch.take().unwrap_or_default());
        }
        let out = r?;
        self.step = match self.step {
            PutStep::Open if self.data.is_empty() => PutStep::Close,
            PutStep::Open => PutStep::Write(0),
            PutStep::Write(at) if at + CHUNK < self.data.len() => PutStep::Write(at + CHUNK),
            PutStep::Write(_) => PutStep::Close,
            PutStep::Close => PutStep::Hash,
            PutStep::Hash => {
                let (kind, got) = parse_hash(&out)?;
                if local_hash(&kind, &self.data) == got {
                    PutStep::Rename
                } else {
                    self.mismatch = Some(format!(
                        "{kind} mismatch after the transfer; '{}' was left unchanged",
                        self.remote
                    ));
                    PutStep::Discard
                }
            }
            PutStep::Rename | PutStep::Done | PutStep::Discard => PutStep::Done,
        };
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GetStep {
    Size,
    Read,
    Hash,
    Done,
}

/// Read a file from the board, chunk by chunk, and check its hash.
pub struct Get {
    remote: String,
    p: String,
    size: usize,
    data: Vec<u8>,
    step: GetStep,
}

impl Get {
    pub fn new(remote: &str) -> Get {
        Get {
            remote: remote.to_string(),
            p: pystr(remote),
            size: 0,
            data: Vec::new(),
            step: GetStep::Size,
        }
    }

    pub fn next_script(&self) -> Option<String> {
        let p = &self.p;
        Some(match self.step {
            GetStep::Size => format!("import os\nprint('N', os.stat({p})[6])\n"),
            GetStep::Read => format!(
                "import binascii\nwith open({p},'rb') as _f:\n _f.seek({})\n print('D', binascii.hexlify(_f.read({CHUNK})).decode())\n",
                self.data.len()
            ),
            GetStep::Hash => hash_script(p),
            GetStep::Done => return None,
        })
    }

    /// Bytes received so far and in all (known after the first step).
    pub fn progress(&self) -> (usize, usize) {
        (self.data.len(), self.size)
    }

    pub fn answer(&mut self, out: &[u8], err: &[u8], failed: bool) -> Result<(), String> {
        let out = script_result(out, err, failed)?;
        self.step = match self.step {
            GetStep::Size => {
                self.size = answer(&out, "N")
                    .and_then(|v| v.trim().parse().ok())
                    .ok_or_else(|| format!("no size in the board's answer: {out:?}"))?;
                self.data.reserve(self.size);
                if self.size == 0 {
                    GetStep::Hash
                } else {
                    GetStep::Read
                }
            }
            GetStep::Read => {
                let chunk = unhex(answer(&out, "D").unwrap_or(""))?;
                if chunk.is_empty() {
                    return Err(format!("'{}' shrank while being read", self.remote));
                }
                self.data.extend_from_slice(&chunk);
                if self.data.len() < self.size {
                    GetStep::Read
                } else {
                    GetStep::Hash
                }
            }
            GetStep::Hash => {
                let (kind, want) = parse_hash(&out)?;
                if local_hash(&kind, &self.data) != want {
                    return Err(format!(
                        "{kind} mismatch: the copy of '{}' is damaged",
                        self.remote
                    ));
                }
                GetStep::Done
            }
            GetStep::Done => GetStep::Done,
        };
        Ok(())
    }

    /// The file's content, once [`Get::next_script`] is `None`.
    pub fn into_data(self) -> Vec<u8> {
        self.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn helpers() {
        assert_eq!(pystr("a'b\\c\n"), "'a\\'b\\\\c\\x0a'");
        assert_eq!(
            unhex(&hex(&[0, 1, 254, 255])).unwrap(),
            vec![0, 1, 254, 255]
        );
        assert!(unhex("abc").is_err());
        assert!(unhex("zz").is_err());
        // Adler-32 of "Wikipedia" (the textbook example)
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(answer("noise\nD 00ff\n", "D"), Some("00ff"));
        assert_eq!(
            parse_ls("E -1 lib\nE 12 main.py\nnoise\n"),
            vec![("lib".into(), None), ("main.py".into(), Some(12))]
        );
    }

    /// Plays the board's side of the put scripts in memory: which scripts come in what
    /// order, and that a hash mismatch removes the temp file and reports an error.
    fn drive_put(
        data: &[u8],
        board_hash: impl Fn(&[u8]) -> String,
    ) -> (Vec<String>, Result<(), String>) {
        let mut put = Put::new(data.to_vec(), "main.py");
        let mut written = Vec::new();
        let mut seen = Vec::new();
        while let Some(s) = put.next_script() {
            seen.push(s.lines().last().unwrap_or("").to_string());
            let mut out = String::new();
            if let Some(h) = s.split("unhexlify('").nth(1) {
                written.extend(unhex(h.split('\'').next().unwrap()).unwrap());
            }
            if s.contains("hashlib") {
                out = format!("released by a thread\nsha256 {}\n", board_hash(&written));
            }
            if let Err(e) = put.answer(out.as_bytes(), b"", false) {
                return (seen, Err(e));
            }
        }
        assert_eq!(written, data);
        (seen, Ok(()))
    }

    #[test]
    fn put_steps() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 7) as u8).collect();
        let (seen, r) = drive_put(&data, |w| local_hash("sha256", w));
        assert_eq!(r, Ok(()));
        // open, 3 chunks, close, hash, rename
        assert_eq!(seen.len(), 7, "{seen:?}");
        assert!(seen[6].contains("os.rename"), "{seen:?}");

        let (seen, r) = drive_put(b"x", |_| "00".into());
        assert!(r.unwrap_err().contains("left unchanged"));
        assert!(seen
            .last()
            .unwrap()
            .contains("os.remove('main.py.weft-tmp')"));

        let (_, r) = drive_put(b"", |w| local_hash("sha256", w));
        assert_eq!(r, Ok(()));
    }

    #[test]
    fn put_stops_at_a_board_error() {
        let mut put = Put::new(b"abc".to_vec(), "main.py");
        let e = put
            .answer(b"", b"Traceback\r\nOSError: [Errno 28] ENOSPC\r\n", true)
            .unwrap_err();
        assert_eq!(e, "the board said: OSError: [Errno 28] ENOSPC");
    }

    #[test]
    fn get_steps() {
        let data: Vec<u8> = (0..3000u32).map(|i| i as u8).collect();
        let mut get = Get::new("a.bin");
        while let Some(s) = get.next_script() {
            let out = if s.contains("os.stat") {
                format!("N {}\n", data.len())
            } else if s.contains("hashlib") {
                format!("sha256 {}\n", local_hash("sha256", &data))
            } else {
                let at: usize = s
                    .split("seek(")
                    .nth(1)
                    .unwrap()
                    .split(')')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                format!("D {}\n", hex(&data[at..(at + CHUNK).min(data.len())]))
            };
            get.answer(out.as_bytes(), b"", false).unwrap();
        }
        assert_eq!(get.into_data(), data);
    }
}
