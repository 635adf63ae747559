//! The Python case runner: every `tests/cases/**/*.py` is run by `python3` and by `weft`, and
//! weft's stdout and exit status must equal the expected ones.
//!
//! Rules (also in tests/cases/README.md):
//! - A case runs with cwd = its own folder, argument = its file name, stdin closed, and a
//!   timeout (10 s, or `# timeout: N` in its first lines).
//! - Expected stdout: `NAME.py.exp` next to the case if it exists (behaviour where
//!   MicroPython deliberately differs from CPython), else python3's stdout.
//! - Expected exit status: `NAME.py.exit` if it exists, else python3's status (no .exp) or 0
//!   (with an .exp).
//! - Directives in the first 10 lines: `# skip-cpython` (don't run python3; the .exp is
//!   the reference), `# skip` / `# skip: reason` (not run, counted as skipped),
//!   `# timeout: N` (seconds).
//! - Not cases: files whose name starts with `_`, folders whose name starts with `_` or
//!   that hold an `__init__.py` (packages imported by cases), and `tests/cases/README.md`.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::proc::{run_captured, Outcome};

pub struct Options {
    pub weft: PathBuf,
    pub python: PathBuf,
    pub filter: Option<String>,
    pub jobs: usize,
    pub repeat: usize,
    /// extra arguments for weft before the script (`--weft-arg=--green`)
    pub weft_args: Vec<String>,
    /// where the summary file goes (tests/out/cases.txt)
    pub out_file: PathBuf,
}

/// A case found on disk.
#[derive(Clone, Debug)]
pub struct Case {
    /// path relative to tests/cases, '/'-separated
    pub name: String,
    pub path: PathBuf,
    pub timeout: Duration,
    pub skip_cpython: bool,
    pub skip: Option<String>,
    pub exp: Option<Vec<u8>>,
    pub exit: Option<Result<i32, String>>,
}

/// What weft must produce for a case.
#[derive(Clone, Debug)]
enum Expected {
    Output {
        stdout: Vec<u8>,
        code: i32,
    },
    /// the case cannot be checked (python3 failed to run it, no .exp for skip-cpython, ...)
    Broken(String),
    Skip(String),
}

#[derive(Clone, Debug)]
enum Verdict {
    Pass,
    /// a one-line reason, then the indented details (diff, stderr tail)
    Fail(String, String),
    Skip(String),
}

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Parse the directives in the first lines of a case.
pub fn directives(source: &str) -> (Option<u64>, bool, Option<String>) {
    let mut timeout = None;
    let mut skip_cpython = false;
    let mut skip = None;
    for line in source.lines().take(10) {
        let Some(d) = line.trim().strip_prefix('#') else {
            continue;
        };
        let d = d.trim();
        if let Some(t) = d.strip_prefix("timeout:") {
            timeout = t.trim().parse::<u64>().ok();
        } else if d == "skip-cpython" {
            skip_cpython = true;
        } else if d == "skip" {
            skip = Some(String::new());
        } else if let Some(r) = d.strip_prefix("skip:") {
            skip = Some(r.trim().to_string());
        }
    }
    (timeout, skip_cpython, skip)
}

/// All cases under `root` (sorted by name), filtered by substring.
pub fn discover(root: &Path, filter: Option<&str>) -> Vec<Case> {
    let mut files = Vec::new();
    walk(root, &mut files);
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if let Some(f) = filter {
            if !name.contains(f) {
                continue;
            }
        }
        let source = fs::read(&path).unwrap_or_default();
        let source = String::from_utf8_lossy(&source);
        let (timeout, skip_cpython, skip) = directives(&source);
        let side = |ext: &str| {
            let mut p = path.clone().into_os_string();
            p.push(ext);
            PathBuf::from(p)
        };
        let exp = fs::read(side(".exp")).ok();
        let exit = fs::read_to_string(side(".exit")).ok().map(|s| {
            s.trim()
                .parse::<i32>()
                .map_err(|_| format!("{name}.exit does not hold a number: {:?}", s.trim()))
        });
        cases.push(Case {
            name,
            path,
            timeout: timeout.map(Duration::from_secs).unwrap_or(DEFAULT_TIMEOUT),
            skip_cpython,
            skip,
            exp,
            exit,
        });
    }
    cases
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('_') || name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            if name == "__pycache__" || p.join("__init__.py").exists() {
                continue;
            }
            walk(&p, out);
        } else if name.ends_with(".py") {
            out.push(p);
        }
    }
}

fn run_one(program: &Path, pre_args: &[String], case: &Case) -> Outcome {
    let dir = case.path.parent().unwrap_or(Path::new("."));
    let file = case
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut args: Vec<&str> = pre_args.iter().map(|a| a.as_str()).collect();
    args.push(&file);
    run_captured(
        program,
        &args,
        dir,
        &[
            ("PYTHONDONTWRITEBYTECODE", "1"),
            ("PYTHONIOENCODING", "utf-8"),
            ("PYTHONHASHSEED", "0"),
            ("RUST_BACKTRACE", "0"),
        ],
        case.timeout,
    )
}

fn expected(case: &Case, python: &Path) -> Expected {
    if let Some(reason) = &case.skip {
        return Expected::Skip(reason.clone());
    }
    let exit = match &case.exit {
        Some(Ok(c)) => Some(*c),
        Some(Err(e)) => return Expected::Broken(e.clone()),
        None => None,
    };
    if let Some(exp) = &case.exp {
        return Expected::Output {
            stdout: exp.clone(),
            code: exit.unwrap_or(0),
        };
    }
    if case.skip_cpython {
        return Expected::Broken("`# skip-cpython` but no .exp file".into());
    }
    let o = run_one(python, &[], case);
    if o.spawn_error.is_some() || o.timed_out || o.code.is_none() {
        return Expected::Broken(format!(
            "python3 could not produce the expected output ({}){}",
            o.ending(),
            tail(&o.stderr, 5)
        ));
    }
    Expected::Output {
        stdout: o.stdout,
        code: exit.unwrap_or(o.code.unwrap_or(0)),
    }
}

fn judge(case: &Case, exp: &Expected, weft: &Path, weft_args: &[String]) -> Verdict {
    let (want, want_code) = match exp {
        Expected::Skip(r) => return Verdict::Skip(r.clone()),
        Expected::Broken(why) => {
            return Verdict::Fail(format!("case is broken: {why}"), String::new())
        }
        Expected::Output { stdout, code } => (stdout, *code),
    };
    let got = run_one(weft, weft_args, case);
    let mut why = Vec::new();
    let mut details = String::new();
    if got.stdout != *want {
        why.push("stdout differs".to_string());
        details.push_str(&compact_diff(want, &got.stdout));
    }
    if got.code != Some(want_code) {
        why.push(format!("{}, expected exit {want_code}", got.ending()));
    } else if got.timed_out || got.spawn_error.is_some() {
        why.push(got.ending());
    }
    if why.is_empty() {
        return Verdict::Pass;
    }
    let t = tail(&got.stderr, 8);
    if !t.is_empty() {
        let _ = write!(details, "  weft stderr (tail):{t}");
    }
    Verdict::Fail(why.join("; "), details)
}

/// The last `n` lines of `bytes`, each on its own indented line (empty if no output).
fn tail(bytes: &[u8], n: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(n);
    let mut s = String::new();
    for l in &lines[start..] {
        s.push_str("\n    | ");
        s.push_str(l);
    }
    if !s.is_empty() {
        s.push('\n');
    }
    s
}

/// A compact unified-style diff: the first differing lines with a little context.
pub fn compact_diff(want: &[u8], got: &[u8]) -> String {
    let want = String::from_utf8_lossy(want);
    let got = String::from_utf8_lossy(got);
    let w: Vec<&str> = want.split_inclusive('\n').collect();
    let g: Vec<&str> = got.split_inclusive('\n').collect();
    let first = w.iter().zip(g.iter()).take_while(|(a, b)| a == b).count();
    // common suffix, not overlapping the prefix
    let mut suffix = 0;
    while suffix < w.len() - first
        && suffix < g.len() - first
        && w[w.len() - 1 - suffix] == g[g.len() - 1 - suffix]
    {
        suffix += 1;
    }
    const CONTEXT: usize = 2;
    const MAX: usize = 6;
    let show = |l: &str| -> String {
        match l.strip_suffix('\n') {
            Some(body) => visible(body),
            None => format!("{}  (no newline at end)", visible(l)),
        }
    };
    let mut s = format!(
        "  @@ stdout differs at line {} (expected {} lines, got {}) @@\n",
        first + 1,
        w.len(),
        g.len()
    );
    for l in &w[first.saturating_sub(CONTEXT)..first] {
        let _ = writeln!(s, "   {}", show(l));
    }
    let wd = &w[first..w.len() - suffix];
    let gd = &g[first..g.len() - suffix];
    for l in wd.iter().take(MAX) {
        let _ = writeln!(s, "  -{}", show(l));
    }
    if wd.len() > MAX {
        let _ = writeln!(s, "  -... ({} more)", wd.len() - MAX);
    }
    for l in gd.iter().take(MAX) {
        let _ = writeln!(s, "  +{}", show(l));
    }
    if gd.len() > MAX {
        let _ = writeln!(s, "  +... ({} more)", gd.len() - MAX);
    }
    s
}

/// A line with control characters made visible (tabs, carriage returns, escapes).
fn visible(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(s, "\\x{:02x}", c as u32);
            }
            c => s.push(c),
        }
    }
    s
}

/// Run `work` over `items` on `jobs` threads; results come back in input order.
fn parallel<T: Sync + Send + 'static + Clone, R: Send + 'static>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Send + Sync + 'static,
) -> Vec<R> {
    let queue: Arc<Mutex<VecDeque<(usize, T)>>> =
        Arc::new(Mutex::new(items.iter().cloned().enumerate().collect()));
    let results: Arc<Mutex<Vec<Option<R>>>> =
        Arc::new(Mutex::new((0..items.len()).map(|_| None).collect()));
    let work = Arc::new(work);
    let handles: Vec<_> = (0..jobs.max(1))
        .map(|_| {
            let queue = queue.clone();
            let results = results.clone();
            let work = work.clone();
            thread::spawn(move || loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                let Some((i, item)) = next else { break };
                let r = work(&item);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
            })
        })
        .collect();
    for h in handles {
        let _ = h.join();
    }
    let results = std::mem::take(&mut *results.lock().unwrap_or_else(|e| e.into_inner()));
    results.into_iter().flatten().collect()
}

/// Run the case suite; returns true when nothing failed.
pub fn run(cases_root: &Path, opts: &Options) -> bool {
    let cases = discover(cases_root, opts.filter.as_deref());
    if cases.is_empty() {
        println!("no cases found under {}", cases_root.display());
    }
    let started = Instant::now();
    let python = opts.python.clone();
    let expectations: Vec<Expected> = parallel(&cases, opts.jobs, move |c| expected(c, &python));
    let pairs: Vec<(Case, Expected)> = cases.into_iter().zip(expectations).collect();

    let mut summary = String::new();
    let mut total_passed = 0;
    let mut total_failed = 0;
    let mut total_skipped = 0;
    for round in 1..=opts.repeat.max(1) {
        let weft = opts.weft.clone();
        let weft_args = opts.weft_args.clone();
        let verdicts: Vec<Verdict> = parallel(&pairs, opts.jobs, move |(c, e)| {
            judge(c, e, &weft, &weft_args)
        });
        let (mut passed, mut failed, mut skipped) = (0, 0, 0);
        for ((case, _), v) in pairs.iter().zip(&verdicts) {
            match v {
                Verdict::Pass => {
                    passed += 1;
                    let _ = writeln!(summary, "PASS {}", case.name);
                }
                Verdict::Skip(r) => {
                    skipped += 1;
                    let _ = writeln!(summary, "SKIP {} {}", case.name, r);
                }
                Verdict::Fail(why, details) => {
                    failed += 1;
                    println!("FAIL {}: {why}", case.name);
                    print!("{details}");
                    let _ = writeln!(summary, "FAIL {}: {why}", case.name);
                    if !details.is_empty() {
                        let _ = writeln!(summary, "{}", details.trim_end());
                    }
                }
            }
        }
        if opts.repeat > 1 {
            println!(
                "round {round}/{}: {}",
                opts.repeat,
                counts(passed, failed, skipped)
            );
        }
        total_passed += passed;
        total_failed += failed;
        total_skipped += skipped;
    }
    let line = counts(total_passed, total_failed, total_skipped);
    let _ = writeln!(summary, "{line}");
    if let Some(dir) = opts.out_file.parent() {
        let _ = fs::create_dir_all(dir);
    }
    if let Err(e) = fs::write(&opts.out_file, &summary) {
        eprintln!("cannot write {}: {e}", opts.out_file.display());
    }
    println!(
        "(cases ran in {:.1} s; summary in {})",
        started.elapsed().as_secs_f64(),
        opts.out_file.display()
    );
    println!("{line}");
    total_failed == 0
}

fn counts(passed: usize, failed: usize, skipped: usize) -> String {
    if skipped > 0 {
        format!("{passed} passed, {failed} failed, {skipped} skipped")
    } else {
        format!("{passed} passed, {failed} failed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives() {
        let (t, sc, sk) = directives("# timeout: 30\n# skip-cpython\nprint(1)\n");
        assert_eq!(t, Some(30));
        assert!(sc);
        assert!(sk.is_none());
        let (t, sc, sk) = directives("# skip: needs sockets\n");
        assert_eq!(t, None);
        assert!(!sc);
        assert_eq!(sk.as_deref(), Some("needs sockets"));
    }

    #[test]
    fn diffs_show_the_first_difference() {
        let d = compact_diff(b"a\nb\nc\nd\n", b"a\nb\nX\nd\n");
        assert!(d.contains("line 3"), "{d}");
        assert!(d.contains("  -c\n"), "{d}");
        assert!(d.contains("  +X\n"), "{d}");
        assert!(d.contains("   b\n"), "{d}");
        assert!(!d.contains("-d"), "{d}");
        let d = compact_diff(b"a\n", b"");
        assert!(d.contains("  -a\n"), "{d}");
        let d = compact_diff(b"a\n", b"a");
        assert!(d.contains("no newline"), "{d}");
    }

    #[test]
    fn discovers_cases_and_side_files() {
        let root = std::env::temp_dir().join(format!("xtask-cases-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("basics")).unwrap();
        fs::create_dir_all(root.join("import/pkg")).unwrap();
        fs::create_dir_all(root.join("_lib")).unwrap();
        fs::write(root.join("basics/a.py"), "print(1)\n").unwrap();
        fs::write(root.join("basics/a.py.exp"), "1\n").unwrap();
        fs::write(root.join("basics/a.py.exit"), "3\n").unwrap();
        fs::write(root.join("basics/_helper.py"), "").unwrap();
        fs::write(root.join("import/b.py"), "# timeout: 3\nimport pkg\n").unwrap();
        fs::write(root.join("import/pkg/__init__.py"), "").unwrap();
        fs::write(root.join("import/pkg/mod.py"), "").unwrap();
        fs::write(root.join("_lib/x.py"), "").unwrap();
        let cases = discover(&root, None);
        let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["basics/a.py", "import/b.py"]);
        assert_eq!(cases[0].exp.as_deref(), Some(&b"1\n"[..]));
        assert!(matches!(cases[0].exit, Some(Ok(3))));
        assert_eq!(cases[1].timeout, Duration::from_secs(3));
        assert_eq!(discover(&root, Some("import")).len(), 1);
        let _ = fs::remove_dir_all(&root);
    }
}
