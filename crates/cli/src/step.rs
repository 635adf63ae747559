//! `weft --schedule step script.py`: step mode in the terminal. At each decision the
//! threads, their lines and states go to stderr, and a command is read from stdin:
//! `s T` (thread T runs one line), `r T` (T runs until it blocks or ends), `c` (run to the
//! end); a bare `T` is `s T`. End of input runs to the end. The run's `replay:` string
//! (`--print-schedule`) replays it.

use std::io::{BufRead, Write};

use weft_vm::green::{StepCmd, StepHost, ThreadState, View};

pub struct StdinHost;

/// One line of the view per thread: `  T2 (A)   line 19  lock lock_b (held by T3)`.
pub fn describe(view: &View) -> String {
    let mut out = format!(
        "step {} (T{} {}): ready {}\n",
        view.decisions,
        view.current,
        view.why.name(),
        view.ready
            .iter()
            .map(|t| format!("T{t}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    for t in &view.threads {
        let name = t
            .name
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let state = match &t.state {
            ThreadState::Lock {
                id, owner, name, ..
            } => {
                let lock = name.clone().unwrap_or_else(|| format!("#{id}"));
                if *owner != 0 {
                    format!("lock {lock} (held by T{owner})")
                } else {
                    format!("lock {lock}")
                }
            }
            ThreadState::Sleep { us } => format!("sleep {us} us"),
            s => s.name().to_string(),
        };
        let call = t
            .call
            .as_deref()
            .map(|c| format!(" in {c}()"))
            .unwrap_or_default();
        out.push_str(&format!(
            "  T{}{} line {}{} {}\n",
            t.ident, name, t.line, call, state
        ));
    }
    out
}

impl StepHost for StdinHost {
    fn decide(&mut self, view: &View) -> StepCmd {
        let mut err = std::io::stderr();
        let _ = write!(err, "{}step> ", describe(view));
        let _ = err.flush();
        let stdin = std::io::stdin();
        loop {
            let mut line = String::new();
            match stdin.lock().read_line(&mut line) {
                Ok(0) | Err(_) => {
                    let _ = writeln!(err, "(end of input: running to the end)");
                    return StepCmd::Resume;
                }
                Ok(_) => {}
            }
            match StepCmd::parse(&line) {
                Some(cmd) => {
                    let _ = writeln!(err, "{}", line.trim());
                    return cmd;
                }
                None => {
                    let _ = write!(err, "commands: s T | r T | c\nstep> ");
                    let _ = err.flush();
                }
            }
        }
    }
}
