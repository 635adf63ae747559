//! Running child processes: with a timeout and captured output (cases, benchmarks), or
//! inheriting the terminal (build steps).

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How a captured run ended.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// exit code; None when killed by a signal or by the timeout
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub timed_out: bool,
    pub elapsed: Duration,
    /// the process could not be started at all
    pub spawn_error: Option<String>,
}

impl Outcome {
    /// A one-word description of how the process ended, for reports.
    pub fn ending(&self) -> String {
        if let Some(e) = &self.spawn_error {
            format!("could not start: {e}")
        } else if self.timed_out {
            format!("timed out after {:.1} s", self.elapsed.as_secs_f64())
        } else if let Some(c) = self.code {
            format!("exit {c}")
        } else if let Some(s) = self.signal {
            format!("killed by signal {s}")
        } else {
            "ended abnormally".to_string()
        }
    }
}

#[cfg(unix)]
fn signal_of(s: &ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    s.signal()
}

#[cfg(not(unix))]
fn signal_of(_: &ExitStatus) -> Option<i32> {
    None
}

fn drain<R: Read + Send + 'static>(r: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut r) = r {
            let _ = r.read_to_end(&mut buf);
        }
        buf
    })
}

/// Run `program args` in `cwd` with stdin closed, capturing stdout and stderr, killing it
/// after `timeout`.
pub fn run_captured(
    program: &Path,
    args: &[&str],
    cwd: &Path,
    env: &[(&str, &str)],
    timeout: Duration,
) -> Outcome {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.env_remove("MICROPYPATH");
    let start = Instant::now();
    let mut child: Child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Outcome {
                stdout: Vec::new(),
                stderr: Vec::new(),
                code: None,
                signal: None,
                timed_out: false,
                elapsed: start.elapsed(),
                spawn_error: Some(format!("{}: {e}", program.display())),
            }
        }
    };
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let mut timed_out = false;
    let mut pause = Duration::from_micros(200);
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) => {}
            Err(_) => break None,
        }
        if start.elapsed() >= timeout {
            timed_out = true;
            let _ = child.kill();
            break child.wait().ok();
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    Outcome {
        stdout,
        stderr,
        code: if timed_out {
            None
        } else {
            status.and_then(|s| s.code())
        },
        signal: status.as_ref().and_then(signal_of),
        timed_out,
        elapsed,
        spawn_error: None,
    }
}

/// Run a command with the terminal inherited; true when it exited with 0.
pub fn run_inherit(cmd: &mut Command) -> Result<(), String> {
    let shown = describe(cmd);
    println!("$ {shown}");
    match cmd.status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("`{shown}` failed ({s})")),
        Err(e) => Err(format!("`{shown}` could not start: {e}")),
    }
}

/// Run a command quietly and return its stdout (for probes such as `rustup target list`).
pub fn output_of(cmd: &mut Command) -> Option<String> {
    let o = cmd.stderr(Stdio::null()).output().ok()?;
    if !o.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

pub fn describe(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program());
    // show the toolchain's cargo (from $CARGO) as plain `cargo`
    let mut s = if program.is_absolute() && program.file_stem().is_some_and(|n| n == "cargo") {
        "cargo".to_string()
    } else {
        program.to_string_lossy().into_owned()
    };
    for a in cmd.get_args() {
        let a = a.to_string_lossy();
        if a.contains(' ') || a.is_empty() {
            s.push_str(&format!(" '{a}'"));
        } else {
            s.push(' ');
            s.push_str(&a);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_and_times_out() {
        let sh = Path::new("sh");
        let o = run_captured(
            sh,
            &["-c", "echo out; echo err >&2; exit 3"],
            Path::new("."),
            &[],
            Duration::from_secs(10),
        );
        assert_eq!(o.stdout, b"out\n");
        assert_eq!(o.stderr, b"err\n");
        assert_eq!(o.code, Some(3));
        assert!(!o.timed_out);

        let o = run_captured(
            sh,
            &["-c", "echo start; exec sleep 5"],
            Path::new("."),
            &[],
            Duration::from_millis(300),
        );
        assert!(o.timed_out);
        assert_eq!(o.code, None);
        assert_eq!(o.stdout, b"start\n");
        assert!(o.elapsed < Duration::from_secs(4));

        let o = run_captured(
            Path::new("/nonexistent/program"),
            &[],
            Path::new("."),
            &[],
            Duration::from_secs(1),
        );
        assert!(o.spawn_error.is_some());
    }
}
