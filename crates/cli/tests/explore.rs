//! `weft explore` and deterministic schedules: explore finds the lost update and the
//! deadlocks of the examples within 1 000 runs and nothing in their fixed versions; the
//! schedule it prints replays the failure; the same schedule twice gives byte-identical
//! output and `--trace-threads` logs.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn file(rel: &str) -> String {
    root().join(rel).to_string_lossy().into_owned()
}

fn weft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run weft")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `weft explore -q SCRIPT` (1 000 runs): (exit status, stdout, stderr).
fn explore(script: &str, extra: &[&str]) -> (i32, String, String) {
    let path = file(script);
    let mut args = vec!["explore", "-q"];
    args.extend_from_slice(extra);
    args.push(&path);
    let o = weft(&args);
    (
        o.status.code().unwrap_or(-1),
        text(&o.stdout),
        text(&o.stderr),
    )
}

/// The schedules explore printed for the failing run: the short one and the recorded one.
fn printed_schedules(err: &str) -> (String, String) {
    let short = err
        .lines()
        .find_map(|l| l.strip_prefix("weft explore: replay it with: weft --schedule "))
        .and_then(|l| l.split(' ').next())
        .expect("a replay line")
        .to_string();
    let recorded = err
        .split('\'')
        .find(|s| s.starts_with("replay:"))
        .expect("a recorded schedule")
        .to_string();
    (short, recorded)
}

/// The failing run's stdout and stderr as explore printed them (stderr between the markers).
fn failing_output(out: &str, err: &str) -> (String, String) {
    let start = err.find(") ---\n").expect("output marker") + 6;
    let end = err.find("--- end of output ---").expect("end marker");
    (out.to_string(), err[start..end].to_string())
}

fn check_found_and_replays(script: &str, reason: &str) {
    let (status, out, err) = explore(script, &[]);
    assert_eq!(status, 1, "explore {script} found nothing:\n{err}");
    assert!(err.contains(reason), "{script}: {err}");
    let tried: u64 = err
        .split("failed (")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("count of schedules tried");
    assert!((1..=1000).contains(&tried), "{tried}");
    let (want_out, want_err) = failing_output(&out, &err);
    let (short, recorded) = printed_schedules(&err);
    let path = file(script);
    for sched in [&short, &recorded] {
        let o = weft(&["--schedule", sched, &path]);
        assert_eq!(text(&o.stdout), want_out, "{script} replayed with {sched}");
        assert_eq!(text(&o.stderr), want_err, "{script} replayed with {sched}");
    }
    // the recorded decisions of the replay are the recording itself
    let o = weft(&["--schedule", &recorded, "--print-schedule", &path]);
    let again = text(&o.stderr);
    assert!(
        again.ends_with(&format!("weft: schedule {recorded}\n")),
        "{again}"
    );
}

#[test]
fn finds_the_lost_update() {
    check_found_and_replays(
        "web/examples/02_race.py",
        "its output differs from the first run's",
    );
}

#[test]
fn finds_the_forced_deadlock() {
    check_found_and_replays("web/examples/04_deadlock.py", "reason: deadlock");
}

#[test]
fn finds_the_unforced_deadlock() {
    // only some schedules deadlock here; random alone and PCT alone find it too
    check_found_and_replays("tests/explore/deadlock_unforced.py", "reason: deadlock");
    for strategy in ["random", "pct"] {
        let (status, _, err) = explore(
            "tests/explore/deadlock_unforced.py",
            &["--strategy", strategy],
        );
        assert_eq!(status, 1, "{strategy}: {err}");
    }
}

#[test]
fn finds_the_deadlock_of_back_to_back_withs() {
    // nothing but the second `with` between the two acquires: the acquire itself must be a
    // switch point
    check_found_and_replays("tests/explore/deadlock_back_to_back.py", "reason: deadlock");
}

#[test]
fn finds_an_exception_in_a_thread() {
    let dir = std::env::temp_dir().join(format!("weft-explore-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("check.py");
    std::fs::write(
        &script,
        // the loop gives the scheduler ticks at which to switch before the append
        [
            "import threading",
            "x = []",
            "def f(n):",
            "    for _ in range(20):",
            "        pass",
            "    x.append(n)",
            "    assert x[0] == 1, x",
            "ts = [threading.Thread(target=f, args=(i,)) for i in (1, 2)]",
            "for t in ts: t.start()",
            "for t in ts: t.join()",
        ]
        .join("\n"),
    )
    .unwrap();
    let o = weft(&["explore", "-q", &script.to_string_lossy()]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("an exception escaped a thread"), "{err}");
    assert!(err.contains("AssertionError"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn nothing_in_the_fixed_versions() {
    for script in ["web/examples/03_lock.py", "tests/explore/deadlock_fixed.py"] {
        let (status, _, err) = explore(script, &[]);
        assert_eq!(status, 0, "{script}: {err}");
        assert!(
            err.contains("1000 schedules tried") && err.contains("none failed"),
            "{script}: {err}"
        );
    }
}

#[test]
fn same_schedule_same_output_and_trace() {
    let dir = std::env::temp_dir().join(format!("weft-sched-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, sched) in ["17", "pct:5:3:500", "replay:1.3,2.7,.9,3.1*4"]
        .iter()
        .enumerate()
    {
        for script in [
            "web/examples/02_race.py",
            "web/examples/05_producer_consumer.py",
        ] {
            let path = file(script);
            let mut runs = Vec::new();
            for k in 0..2 {
                let log = dir.join(format!("trace-{i}-{k}.txt"));
                let o = weft(&[
                    "--schedule",
                    sched,
                    &format!("--trace-threads={}", log.display()),
                    &path,
                ]);
                let trace = std::fs::read(&log).unwrap();
                assert!(!trace.is_empty());
                runs.push((o.stdout, o.stderr, o.status.code(), trace));
            }
            assert!(
                runs[0] == runs[1],
                "{script} under {sched} differs between runs"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_schedules_are_usage_errors() {
    for bad in ["x", "pct:", "pct:1:2:3:4", "replay:1.x", "replay:abc"] {
        let o = weft(&["--schedule", bad, "-c", "pass"]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(
            text(&o.stderr).contains("bad"),
            "{bad}: {}",
            text(&o.stderr)
        );
    }
}
