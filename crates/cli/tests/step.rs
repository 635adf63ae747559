//! `weft --schedule step`: step mode in the terminal. Commands come from stdin, the view
//! of every thread goes to stderr, and the run's `--print-schedule` string replays it.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn example(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../web/examples")
        .join(name);
    p.to_string_lossy().into_owned()
}

fn weft(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run weft");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("wait for weft")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn stepping_into_the_deadlock_from_stdin_then_replaying_it() {
    let script = example("04_deadlock.py");
    // main to its first thread start; A and B one line at a time until both hold their
    // first lock and reach for the other's; then (end of input) run to the end
    let mut cmds = String::new();
    for _ in 0..11 {
        cmds.push_str("s 1\n");
    }
    for t in ["2", "2", "2", "2", "1", "2", "1"] {
        cmds.push_str(&format!("s {t}\n"));
    }
    for t in ["3", "3", "3", "3", "3", "2", "2", "2", "3", "3"] {
        cmds.push_str(&format!("step {t}\n"));
    }
    let out = weft(&["--schedule", "step", "--print-schedule", &script], &cmds);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    // the first view: main not started; later ones name the threads and their locks
    assert!(
        err.starts_with("step 0 (T1 slice-end): ready T1\n  T1 line 0 new\nstep> "),
        "{err}"
    );
    assert!(err.contains("  T1 line 7 ready\n"), "{err}");
    assert!(
        err.contains("  T2 (A) line 18 in Event.wait() lock"),
        "{err}"
    );
    assert!(
        err.contains("T3 (B) line 29 lock lock_a (held by T2)"),
        "{err}"
    );
    assert!(err.contains("cycle: thread"), "{err}");
    let schedule = err
        .lines()
        .find_map(|l| l.strip_prefix("weft: schedule "))
        .expect("--print-schedule")
        .to_string();
    assert!(schedule.starts_with("replay:1.L*11,.L,2.L"), "{schedule}");
    // the recording replays the same run, without asking
    let again = weft(&["--schedule", &schedule, "--print-schedule", &script], "");
    assert_eq!(again.status.code(), Some(3));
    assert_eq!(text(&again.stdout), text(&out.stdout));
    assert!(text(&again.stderr).contains(&format!("weft: schedule {schedule}\n")));
    // and step mode can start from it (nothing left to ask: the prefix ran to the end)
    let from = weft(&["--schedule", &format!("step:{schedule}"), &script], "");
    assert_eq!(text(&from.stdout), text(&out.stdout));
}

#[test]
fn bad_step_commands_are_explained_and_end_of_input_runs_on() {
    let out = weft(&["--schedule", "step", "-c", "print('hi')"], "go\ns 1\n");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(text(&out.stdout), "hi\n");
    assert!(err.contains("commands: s T | r T | c\n"), "{err}");
    assert!(err.contains("(end of input: running to the end)"), "{err}");
    let bad = weft(&["--schedule", "step:7", "-c", "pass"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("step mode starts from a replay"));
}
