//! `cargo xtask bench`: run `benches/*.py` under python3 and weft (alternately, best of N),
//! check that both print the same output (the checksum), and print the ratio table.
//! Timing is reported, never asserted.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::proc::run_captured;

pub struct Options {
    pub weft: PathBuf,
    pub python: PathBuf,
    pub filter: Option<String>,
    pub runs: usize,
}

const TIMEOUT: Duration = Duration::from_secs(120);

struct Row {
    name: String,
    py: Option<f64>,
    weft: Option<f64>,
    note: String,
}

/// One timed run: stdout and seconds, or why it failed.
fn time_once(program: &Path, file: &str, dir: &Path) -> Result<(Vec<u8>, f64), String> {
    let o = run_captured(program, &[file], dir, &[], TIMEOUT);
    if o.code != Some(0) {
        let err = String::from_utf8_lossy(&o.stderr);
        let last = err.lines().last().unwrap_or("").to_string();
        return Err(format!("{} {}", o.ending(), last).trim_end().to_string());
    }
    Ok((o.stdout, o.elapsed.as_secs_f64()))
}

/// Run the benchmarks; returns false only when a benchmark's outputs disagree or a run
/// failed (so CI could use it), never because of timing.
pub fn run(benches: &Path, opts: &Options) -> bool {
    let mut files: Vec<PathBuf> = fs::read_dir(benches)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "py"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if let Some(f) = &opts.filter {
        files.retain(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains(f.as_str()))
        });
    }
    if files.is_empty() {
        println!("no benchmarks found in {}", benches.display());
        return true;
    }
    let mut rows = Vec::new();
    let mut ok = true;
    for path in &files {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut py_times = Vec::new();
        let mut weft_times = Vec::new();
        let mut py_out: Option<Vec<u8>> = None;
        let mut weft_out: Option<Vec<u8>> = None;
        let mut py_err = None;
        let mut weft_err = None;
        for _ in 0..opts.runs.max(1) {
            if py_err.is_none() {
                match time_once(&opts.python, &file, dir) {
                    Ok((out, t)) => {
                        py_out = Some(out);
                        py_times.push(t);
                    }
                    Err(e) => py_err = Some(e),
                }
            }
            if weft_err.is_none() {
                match time_once(&opts.weft, &file, dir) {
                    Ok((out, t)) => {
                        weft_out = Some(out);
                        weft_times.push(t);
                    }
                    Err(e) => weft_err = Some(e),
                }
            }
        }
        let min = |v: &[f64]| v.iter().cloned().reduce(f64::min);
        let mut note = String::new();
        if let Some(e) = &py_err {
            note = format!("python3: {e}");
            ok = false;
        } else if let Some(e) = &weft_err {
            note = format!("weft: {e}");
            ok = false;
        } else if py_out != weft_out {
            note = format!(
                "checksum differs: python3 {:?}, weft {:?}",
                last_line(py_out.as_deref()),
                last_line(weft_out.as_deref())
            );
            ok = false;
        }
        let row = Row {
            name,
            py: if py_err.is_none() {
                min(&py_times)
            } else {
                None
            },
            weft: if weft_err.is_none() && note.is_empty() {
                min(&weft_times)
            } else {
                None
            },
            note,
        };
        print_row(&row, rows.is_empty());
        rows.push(row);
    }
    let ratios: Vec<f64> = rows
        .iter()
        .filter_map(|r| Some(r.weft? / r.py?))
        .filter(|r| *r > 0.0)
        .collect();
    println!("{}", "-".repeat(44));
    if ratios.is_empty() {
        println!("geometric mean of ratios: - (no benchmark ran under both)");
    } else {
        let g = (ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp();
        println!(
            "geometric mean of ratios: {g:.2} over {} benchmarks (< 1 means weft is faster)",
            ratios.len()
        );
    }
    ok
}

fn last_line(out: Option<&[u8]>) -> String {
    out.map(|o| {
        String::from_utf8_lossy(o)
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    })
    .unwrap_or_default()
}

fn print_row(r: &Row, header: bool) {
    if header {
        println!(
            "{:<12} {:>10} {:>10} {:>8}",
            "benchmark", "python3 s", "weft s", "ratio"
        );
        println!("{}", "-".repeat(44));
    }
    let f = |t: Option<f64>| t.map(|t| format!("{t:.3}")).unwrap_or_else(|| "-".into());
    let ratio = match (r.py, r.weft) {
        (Some(p), Some(w)) if p > 0.0 => format!("{:.2}", w / p),
        _ => "-".into(),
    };
    let mut line = format!(
        "{:<12} {:>10} {:>10} {:>8}",
        r.name,
        f(r.py),
        f(r.weft),
        ratio
    );
    if !r.note.is_empty() {
        line.push_str("   ");
        line.push_str(&r.note);
    }
    println!("{line}");
}

/// Schedules `weft explore` runs per second on the race example (every run to the end:
/// `--keep-going`, so the count does not depend on where the first failure is).
pub fn explore(root: &Path, weft: &Path) -> bool {
    const RUNS: &str = "300";
    let script = root.join("web/examples/02_race.py");
    let script = script.to_string_lossy();
    let args = ["explore", "-q", "--keep-going", "--runs", RUNS, &script];
    let o = run_captured(weft, &args, root, &[], TIMEOUT);
    let err = String::from_utf8_lossy(&o.stderr);
    // "weft explore: run 2 failed (300 schedules tried in 2.10s (143/s), 299 failed)"
    let summary = err
        .lines()
        .find(|l| l.contains("schedules tried in"))
        .map(|l| l.trim().to_string());
    println!();
    match (o.code, summary) {
        (Some(1), Some(line)) => {
            let detail = line.split('(').skip(1).collect::<Vec<_>>().join("(");
            println!(
                "explore     web/examples/02_race.py, {RUNS} schedules (random + pct): {}",
                detail.trim_end_matches(')')
            );
            true
        }
        (code, _) => {
            println!("explore     failed (status {code:?}): {}", err.trim());
            false
        }
    }
}
