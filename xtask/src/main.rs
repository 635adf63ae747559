//! Weft's build and test orchestration: `cargo xtask <command>` (alias in .cargo/config.toml).
//!
//! `test` runs every check as a list of steps (each with a header, all run even after a
//! failure, then a summary); adding a check (wasm under Node, headless Chromium, bridge,
//! QEMU board, bounded fuzzing) means adding one `Step` in `test_steps`.

mod bench;
mod board;
mod bridge;
mod cases;
mod firmware;
mod page;
mod proc;
mod wasm;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const USAGE: &str = "\
cargo xtask <command> [options]

Commands:
  test         run every check: rustfmt, unit tests, loom models, the riscv32 no_std build of the VM,
               and the Python cases (tests/cases) against python3
      --cases-only     only the Python cases
      --filter SUBSTR  only cases whose path contains SUBSTR
      --jobs N         parallel cases (default: number of cores)
      --repeat N       run the case suite N times (hunting flaky thread tests)
      --weft PATH      use this weft binary instead of building target/release/weft
      --cases DIR      run the cases under DIR instead of tests/cases
      --weft-arg ARG   pass ARG to weft before each case's script (repeatable), e.g.
                       `cargo xtask cases --filter thread --weft-arg=--green`
      --fuzz-seconds N fuzz each target for N s at the end (default 45; 0 skips)
      --backend B      cases only with this backend: native (default) or wasm-node
                       (the wasm build, each Python thread a Node worker_threads Worker)
      --thread-repeat N  rerun the threaded cases N more times to catch flaky ones (default 8)
  cases        the same as `test --cases-only` (accepts the same options)
  bench        run benches/*.py under python3 and weft, print the ratio table (without
               --filter, also bench-bridge), then `weft explore` schedules per second on
               web/examples/02_race.py (also with --filter explore)
      --filter SUBSTR  only benchmarks whose file name contains SUBSTR
      --runs N         runs of each (best time is kept; default 3)
  loom         model-check the GIL and locks (crates/hostsync/tests/loom.rs) with loom
  fuzz         fuzz the compiler and compile-and-run for a bounded time (nightly)
      --seconds N      default 60
  bench-web    in headless Chromium: gzip size of what the page loads, time to the first
               Python output, Pystone and thread start+join beside native weft
  freeze       recompile the VM's modules written in Python (threading, queue, ...) into the
               static code crates/vm/src/modules/frozen/rom.rs (commit it)
  playground   build the wasm runtime, the page (web/dist) and the CLI, then run
               `weft serve --open` (the playground on http://127.0.0.1:8000/)
  wasm         build web/pkg: the threaded wasm module (shared memory checked),
               wasm-bindgen glue and wasm-opt; prints sizes
  bridge       push a selection of tests/cases to `weft board` over socat ptys, compare with
               native weft (a step of `test`)
  bench-bridge push a 64 KB script to `weft board` through a link paced at 115200 baud and
               print the throughput as a fraction of the line rate
  qemu         build the QEMU board's firmware (firmware/qemu-virt), start QEMU and print
               its serial pty for `weft connect` / `weft push` / `weft fs` (Ctrl-C stops it)
  board        push the cases that fit a board to the QEMU board and compare with native
               weft, then the board proofs (Ctrl-C, soft reset, 50 threads, fs round trip);
               two steps of `test` (accepts --filter for the cases)
  bench-board  Pystone on the QEMU board beside native weft (ratio), free heap after boot,
               image size
  firmware     build the ESP32-C3 and ESP32-C6 firmware (firmware/esp), make merged flashable
               images (weft flash --save-image: espflash), check them with esptool image-info,
               print their sizes; writes web/dist/firmware/ (weft-<chip>.bin, manifest.json)
  setup        install what the build needs (only what is missing): rustup targets and
               components, socat and qemu-system-misc (apt-get), esptool (pip), the wasm-bindgen
               CLI, the npm packages of web/runtime and of the page (web/package-lock.json), Debian chromium for the
               browser tests
  help         this text";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ok = match run(&args) {
        Ok(ok) => ok,
        Err(msg) => {
            eprintln!("xtask: {msg}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    std::process::exit(if ok { 0 } else { 1 });
}

/// Parsed options (shared by the commands; each uses what it needs).
#[derive(Default, Debug)]
struct Opts {
    cases_only: bool,
    filter: Option<String>,
    jobs: Option<usize>,
    repeat: usize,
    runs: usize,
    seconds: u64,
    fuzz_seconds: u64,
    /// how many times `test` reruns the threaded cases
    thread_repeat: usize,
    weft: Option<PathBuf>,
    cases: Option<PathBuf>,
    backend: Option<String>,
    weft_args: Vec<String>,
}

fn parse_opts(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        repeat: 1,
        thread_repeat: 8,
        runs: 3,
        seconds: 60,
        fuzz_seconds: 45,
        ..Opts::default()
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let number = |name: &str, v: String| -> Result<usize, String> {
            v.parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{name} needs a positive number, not {v:?}"))
        };
        match key {
            "--cases-only" => o.cases_only = true,
            "--filter" => o.filter = Some(value(key)?),
            "--jobs" | "-j" => o.jobs = Some(number(key, value(key)?)?),
            "--repeat" => o.repeat = number(key, value(key)?)?,
            "--runs" => o.runs = number(key, value(key)?)?,
            "--seconds" => o.seconds = number(key, value(key)?)? as u64,
            "--fuzz-seconds" => o.fuzz_seconds = number(key, value(key)?)? as u64,
            "--thread-repeat" => o.thread_repeat = number(key, value(key)?)?,
            "--weft" => o.weft = Some(PathBuf::from(value(key)?)),
            "--cases" => o.cases = Some(PathBuf::from(value(key)?)),
            "--backend" => {
                let b = value(key)?;
                if b != "native" && b != "wasm-node" {
                    return Err(format!("unknown backend {b:?} (native, wasm-node)"));
                }
                o.backend = Some(b);
            }
            "--weft-arg" => o.weft_args.push(value(key)?),
            _ => return Err(format!("unknown option {a:?}")),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<bool, String> {
    let Some(cmd) = args.first() else {
        println!("{USAGE}");
        return Ok(true);
    };
    let opts = parse_opts(&args[1..])?;
    let ctx = Ctx::new();
    match cmd.as_str() {
        "test" => Ok(run_steps(&ctx, test_steps(&opts))),
        "cases" => Ok(run_steps(
            &ctx,
            test_steps(&Opts {
                cases_only: true,
                ..opts
            }),
        )),
        "bench" => bench(&ctx, &opts),
        "bridge" => {
            setup_socat()?;
            let weft = match &opts.weft {
                Some(w) => w.clone(),
                None => ctx.build_weft()?,
            };
            Ok(report(bridge::run_cases(
                &weft,
                &opts
                    .cases
                    .clone()
                    .unwrap_or_else(|| ctx.root.join("tests/cases")),
            )))
        }
        "bench-bridge" => {
            let weft = match &opts.weft {
                Some(w) => w.clone(),
                None => ctx.build_weft()?,
            };
            Ok(report(bridge::bench(&weft)))
        }
        "qemu" => Ok(report(board::serve(&ctx.root, &ctx.cargo))),
        "board" => {
            // absolute: the pushes run in each case's folder
            let weft = match &opts.weft {
                Some(w) => std::fs::canonicalize(w).map_err(|e| format!("{}: {e}", w.display()))?,
                None => ctx.build_weft()?,
            };
            board::setup_qemu()?;
            let elf = board::build_firmware(&ctx.root, &ctx.cargo)?;
            let cases = board::run_cases(
                &weft,
                &ctx.root.join("tests/cases"),
                &elf,
                opts.filter.as_deref(),
            );
            let proofs = board::proofs(&weft, &elf);
            Ok(report(cases) & report(proofs))
        }
        "bench-board" => {
            let weft = match &opts.weft {
                Some(w) => std::fs::canonicalize(w).map_err(|e| format!("{}: {e}", w.display()))?,
                None => ctx.build_weft()?,
            };
            board::setup_qemu()?;
            let elf = board::build_firmware(&ctx.root, &ctx.cargo)?;
            Ok(report(board::bench(&weft, &ctx.root, &elf)))
        }
        "loom" => Ok(report(loom(&ctx))),
        "fuzz" => fuzz(&ctx, &opts),
        "bench-web" => page::bench_web(&ctx),
        "playground" => page::playground(&ctx),
        "freeze" => freeze(&ctx),
        "setup" => Ok(report(
            setup(&ctx)
                .and_then(|_| setup_socat())
                .and_then(|_| board::setup_qemu())
                .and_then(|_| firmware::setup_esptool(&ctx))
                .and_then(|_| wasm::setup(&ctx))
                .and_then(|_| page::npm_packages(&ctx))
                .and_then(|_| page::chromium()),
        )),
        "wasm" => Ok(report(wasm::build(&ctx).map(|_| ()))),
        "firmware" => Ok(report(firmware::run(&ctx))),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(true)
        }
        other => Err(format!("unknown command {other:?}")),
    }
}

fn report(r: Result<(), String>) -> bool {
    match r {
        Ok(()) => true,
        Err(e) => {
            eprintln!("error: {e}");
            false
        }
    }
}

/// `cargo xtask freeze`: the VM's unit test `rom_is_current` compares `rom.rs` with freezing
/// the modules' source; with `WEFT_FREEZE_WRITE=1` it rewrites it (the VM crate compiles
/// itself, so no build script or second copy of the compiler is needed). The crate is first
/// built with an empty `rom.rs`, so a change to the static format (which leaves the old file
/// unable to compile) freezes as well; the test then runs again on the new file, checking
/// that the code built into the crate is what the compiler makes.
fn freeze(ctx: &Ctx) -> Result<bool, String> {
    let rom = ctx.root.join("crates/vm/src/modules/frozen/rom.rs");
    let old = std::fs::read(&rom).map_err(|e| format!("{}: {e}", rom.display()))?;
    let test = |write: bool| {
        let mut c = ctx.cargo(&[
            "test",
            "-p",
            "weft-vm",
            "--lib",
            "--",
            "--exact",
            "modules::frozen::tests::rom_is_current",
            "--nocapture",
        ]);
        if write {
            c.env("WEFT_FREEZE_WRITE", "1");
        }
        proc::run_inherit(&mut c)
    };
    let empty = "// being regenerated by `cargo xtask freeze`\n\
                 pub static MODULES: &[(&str, &crate::bytecode::RomCode)] = &[];\n";
    std::fs::write(&rom, empty).map_err(|e| format!("{}: {e}", rom.display()))?;
    if let Err(e) = test(true) {
        let _ = std::fs::write(&rom, &old);
        return Err(e);
    }
    test(false)?;
    Ok(true)
}

/// Paths and tools.
struct Ctx {
    root: PathBuf,
    cargo: String,
}

impl Ctx {
    fn new() -> Ctx {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Ctx {
            root,
            cargo: std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()),
        }
    }

    fn cargo(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.cargo);
        c.args(args).current_dir(&self.root);
        c
    }

    fn target_dir(&self) -> PathBuf {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .map(|p| {
                if p.is_relative() {
                    self.root.join(p)
                } else {
                    p
                }
            })
            .unwrap_or_else(|| self.root.join("target"))
    }

    fn python(&self) -> PathBuf {
        std::env::var_os("WEFT_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("python3"))
    }

    /// Build the release `weft` and return its path.
    fn build_weft(&self) -> Result<PathBuf, String> {
        proc::run_inherit(&mut self.cargo(&["build", "--release", "-p", "weft"]))?;
        let exe = self
            .target_dir()
            .join("release")
            .join(format!("weft{}", std::env::consts::EXE_SUFFIX));
        if exe.exists() {
            Ok(exe)
        } else {
            Err(format!("built, but {} is missing", exe.display()))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Steps

type StepFn = Box<dyn FnOnce(&Ctx) -> Result<(), String>>;

struct Step {
    name: &'static str,
    run: StepFn,
}

fn step(name: &'static str, run: impl FnOnce(&Ctx) -> Result<(), String> + 'static) -> Step {
    Step {
        name,
        run: Box::new(run),
    }
}

/// Cross-compilation targets: the boards (ESP32-C3 = imc, ESP32-C6 = imac) and the web.
const TARGETS: &[&str] = &[
    "riscv32imc-unknown-none-elf",
    "riscv32imac-unknown-none-elf",
    "wasm32-unknown-unknown",
];
const COMPONENTS: &[&str] = &["rust-src"];

fn test_steps(opts: &Opts) -> Vec<Step> {
    let mut steps = Vec::new();
    if !opts.cases_only {
        steps.push(step("rustfmt", |ctx| {
            proc::run_inherit(&mut ctx.cargo(&["fmt", "--all", "--", "--check"]))
        }));
        steps.push(step("unit and CLI tests", |ctx| {
            proc::run_inherit(&mut ctx.cargo(&["test", "--workspace"]))
        }));
        steps.push(step("loom models of the GIL and locks (hostsync)", loom));
        steps.push(step(
            "vm and bridge build no_std for riscv32imc (ESP32-C3)",
            |ctx| {
                setup(ctx)?;
                proc::run_inherit(&mut ctx.cargo(&[
                    "build",
                    "-p",
                    "weft-vm",
                    "-p",
                    "weft-bridge",
                    "--target",
                    "riscv32imc-unknown-none-elf",
                ]))
            },
        ));
    }
    if !opts.cases_only {
        steps.push(step(
            "firmware images for ESP32-C3/C6 (esp-hal, espflash, esptool)",
            firmware::run,
        ));
    }
    let native = opts.backend.as_deref() != Some("wasm-node");
    let wasm_node = opts.backend.as_deref() == Some("wasm-node")
        || (!opts.cases_only && opts.backend.is_none());
    if wasm_node {
        steps.push(wasm_node_step(opts));
    }
    if !native {
        return steps;
    }
    steps.push(cases_step(
        "Python cases (weft vs python3)",
        opts,
        opts.filter.clone(),
        opts.weft_args.clone(),
        "cases.txt",
    ));
    if !opts.cases_only {
        // the thread cases again on green threads, with two deterministic schedules
        for seed in ["1", "2"] {
            steps.push(cases_step(
                if seed == "1" {
                    "thread cases on green threads, --schedule 1"
                } else {
                    "thread cases on green threads, --schedule 2"
                },
                opts,
                Some("thread".to_string()),
                vec!["--schedule".to_string(), seed.to_string()],
                if seed == "1" {
                    "cases-schedule-1.txt"
                } else {
                    "cases-schedule-2.txt"
                },
            ));
        }
    }
    if !opts.cases_only && opts.filter.is_none() {
        // races hide: the threaded cases again, many times over, to catch flaky ones
        let times = opts.thread_repeat;
        if times == 0 {
            steps.push(step("thread cases, repeated (flakiness)", |_| {
                println!("skipped (--thread-repeat 0)");
                Ok(())
            }));
        } else {
            steps.push(cases_step(
                "thread cases, repeated (flakiness)",
                &Opts {
                    repeat: times,
                    cases: None,
                    weft: opts.weft.clone(),
                    jobs: None,
                    ..Opts::default()
                },
                Some("thread".to_string()),
                Vec::new(),
                "thread-repeat.txt",
            ));
        }
    }
    if !opts.cases_only {
        let weft = opts.weft.clone();
        steps.push(step(
            "bridge: cases through weft push → weft board (socat ptys)",
            move |ctx| {
                setup_socat()?;
                let weft = match weft {
                    Some(w) => w,
                    None => ctx.build_weft()?,
                };
                bridge::run_cases(&weft, &ctx.root.join("tests/cases"))
            },
        ));
        for proofs in [false, true] {
            let weft = opts.weft.clone();
            let name = if proofs {
                "board: Ctrl-C, soft reset, 50 threads, fs round trip on the QEMU board"
            } else {
                "board: cases through weft push → the QEMU board (firmware/qemu-virt)"
            };
            steps.push(step(name, move |ctx| {
                board::setup_qemu()?;
                let weft = match weft {
                    Some(w) => w,
                    None => ctx.build_weft()?,
                };
                let elf = board::build_firmware(&ctx.root, &ctx.cargo)?;
                if proofs {
                    board::proofs(&weft, &elf)
                } else {
                    board::run_cases(&weft, &ctx.root.join("tests/cases"), &elf, None)
                }
            }));
        }
        steps.push(step(
            "browser tests (headless Chromium)",
            page::browser_tests,
        ));
        let secs = opts.fuzz_seconds;
        steps.push(step(
            "fuzz compile and compile-and-run (bounded)",
            move |ctx| {
                if secs == 0 {
                    println!("skipped (--fuzz-seconds 0)");
                    return Ok(());
                }
                fuzz_targets(ctx, secs)
            },
        ));
    }
    steps
}

/// Run the Python cases (those whose path contains `filter`) with `weft_args` before each
/// script; the summary goes to tests/out/`out_name`.
fn cases_step(
    title: &'static str,
    opts: &Opts,
    filter: Option<String>,
    weft_args: Vec<String>,
    out_name: &'static str,
) -> Step {
    let jobs = opts.jobs;
    let repeat = opts.repeat;
    let weft = opts.weft.clone();
    let cases_dir = opts.cases.clone();
    step(title, move |ctx| {
        let weft = match weft {
            Some(w) => w,
            None => ctx.build_weft()?,
        };
        let jobs = jobs.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        });
        let python = ctx.python();
        let version = proc::output_of(Command::new(&python).arg("--version")).ok_or_else(|| {
            format!(
                "{} not found: the cases are compared with CPython (3.11); install python3 \
                 or set WEFT_PYTHON",
                python.display()
            )
        })?;
        println!("reference: {}; weft: {}", version.trim(), weft.display());
        let o = cases::Options {
            weft,
            python,
            filter,
            jobs,
            repeat,
            weft_args,
            out_file: ctx.root.join("tests/out").join(out_name),
        };
        let dir = cases_dir.unwrap_or_else(|| ctx.root.join("tests/cases"));
        if cases::run(&dir, &o) {
            Ok(())
        } else {
            // already reported by the runner's last line
            Err(String::new())
        }
    })
}

/// `wasm-node`: build web/pkg, test the runtime API (Stop, REPL, input, files, memory per
/// thread), then run the cases with `node --no-liftoff web/node/weft-node.mjs`.
fn wasm_node_step(opts: &Opts) -> Step {
    let filter = opts.filter.clone();
    let jobs = opts.jobs;
    let repeat = opts.repeat;
    let cases_dir = opts.cases.clone();
    step(
        "wasm build, runtime tests and Python cases under Node workers (wasm-node)",
        move |ctx| {
            wasm::build(ctx)?;
            let mut t = Command::new("node");
            t.arg(ctx.root.join("web/node/test-runtime.mjs"));
            let runtime = proc::run_inherit(&mut t);
            let runner = ctx.root.join("web/node/weft-node.mjs");
            let o = cases::Options {
                weft: PathBuf::from("node"),
                weft_args: vec![
                    "--no-liftoff".to_string(),
                    runner.to_string_lossy().into_owned(),
                ],
                python: ctx.python(),
                filter,
                jobs: jobs.unwrap_or_else(|| {
                    std::thread::available_parallelism()
                        .map(|n| n.get())
                        .unwrap_or(2)
                }),
                repeat,
                out_file: ctx.root.join("tests/out/cases-wasm-node.txt"),
            };
            let dir = cases_dir.unwrap_or_else(|| ctx.root.join("tests/cases"));
            println!("weft: node --no-liftoff {}", runner.display());
            let cases = if cases::run(&dir, &o) {
                Ok(())
            } else {
                Err(String::new())
            };
            runtime.and(cases)
        },
    )
}

/// The loom models: `--cfg loom` goes to this one child only (never to the environment,
/// where it would replace `.cargo/config.toml`'s flags), with its own target dir so the
/// normal build cache stays valid. `LOOM_MAX_PREEMPTIONS` overrides the models' bound.
fn loom(ctx: &Ctx) -> Result<(), String> {
    let target = ctx.target_dir().join("loom");
    let target = target.to_string_lossy();
    let mut c = ctx.cargo(&[
        "test",
        "-p",
        "weft-hostsync",
        "--test",
        "loom",
        "--target-dir",
        &target,
    ]);
    c.env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env("RUSTFLAGS", "--cfg loom");
    proc::run_inherit(&mut c)
}

fn run_steps(ctx: &Ctx, steps: Vec<Step>) -> bool {
    let n = steps.len();
    let mut results = Vec::new();
    for (i, s) in steps.into_iter().enumerate() {
        println!("\n==> [{}/{n}] {}", i + 1, s.name);
        let t = Instant::now();
        let r = (s.run)(ctx);
        if let Err(e) = &r {
            if !e.is_empty() {
                println!("--> {} FAILED: {e}", s.name);
            }
        }
        results.push((s.name, r, t.elapsed()));
    }
    if results.len() == 1 {
        // a single step (e.g. `cargo xtask cases`): its own last line is the summary
        return results[0].1.is_ok();
    }
    println!("\n==> summary");
    let mut all_ok = true;
    for (name, r, t) in &results {
        let mark = if r.is_ok() { "ok  " } else { "FAIL" };
        all_ok &= r.is_ok();
        println!("  {mark}  {name:<48} {:>7.1} s", t.as_secs_f64());
    }
    println!(
        "{}",
        if all_ok {
            "all checks passed"
        } else {
            "SOME CHECKS FAILED"
        }
    );
    all_ok
}

/// Install the rustup targets and components (only what is missing; quick when done).
fn setup(ctx: &Ctx) -> Result<(), String> {
    let rustup = |args: &[&str]| {
        let mut c = Command::new("rustup");
        c.args(args).current_dir(&ctx.root);
        c
    };
    let installed = proc::output_of(&mut rustup(&["target", "list", "--installed"])).ok_or(
        "rustup is not available: install the targets riscv32imc-unknown-none-elf, \
         riscv32imac-unknown-none-elf and wasm32-unknown-unknown and the rust-src component",
    )?;
    let missing: Vec<&str> = TARGETS
        .iter()
        .copied()
        .filter(|t| !installed.lines().any(|l| l.trim() == *t))
        .collect();
    if !missing.is_empty() {
        let mut args = vec!["target", "add"];
        args.extend(&missing);
        proc::run_inherit(&mut rustup(&args))?;
    }
    let comps =
        proc::output_of(&mut rustup(&["component", "list", "--installed"])).unwrap_or_default();
    let missing: Vec<&str> = COMPONENTS
        .iter()
        .copied()
        .filter(|c| !comps.lines().any(|l| l.trim().starts_with(c)))
        .collect();
    if !missing.is_empty() {
        let mut args = vec!["component", "add"];
        args.extend(&missing);
        proc::run_inherit(&mut rustup(&args))?;
    }
    Ok(())
}

/// socat links two ptys for the bridge tests; apt-get installs it when missing.
fn setup_socat() -> Result<(), String> {
    if proc::output_of(Command::new("socat").arg("-V")).is_some() {
        return Ok(());
    }
    apt_install("socat", "socat is needed for the bridge tests")
}

/// Install a Debian package with apt-get (through sudo when not root); `why` is said when
/// that is impossible.
pub(crate) fn apt_install(package: &str, why: &str) -> Result<(), String> {
    if proc::output_of(Command::new("apt-get").arg("--version")).is_none() {
        return Err(format!(
            "{why}: install {package} with the system's package manager"
        ));
    }
    let sudo = proc::output_of(Command::new("id").arg("-u")).map(|u| u.trim() != "0");
    let apt = |args: &[&str]| {
        let mut c = if sudo == Some(true) {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        } else {
            Command::new("apt-get")
        };
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        proc::run_inherit(&mut c)
    };
    apt(&["update"])?;
    apt(&["install", "-y", package])
        .map_err(|e| format!("{why} and {package} could not be installed: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Other commands

fn bench(ctx: &Ctx, opts: &Opts) -> Result<bool, String> {
    let weft = match &opts.weft {
        Some(w) => w.clone(),
        None => match ctx.build_weft() {
            Ok(w) => w,
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(false);
            }
        },
    };
    let o = bench::Options {
        weft,
        python: ctx.python(),
        filter: opts.filter.clone(),
        runs: opts.runs,
    };
    let ok = bench::run(&ctx.root.join("benches"), &o);
    if opts.filter.is_none() {
        println!();
        if let Err(e) = bridge::bench(&o.weft) {
            eprintln!("bench-bridge: {e}");
            return Ok(false);
        }
    }
    let explore_ok = match &opts.filter {
        Some(f) if !"explore".contains(f.as_str()) => true,
        _ => bench::explore(&ctx.root, &o.weft),
    };
    Ok(ok && explore_ok)
}

/// The cargo-fuzz version pinned here (checked with `cargo info cargo-fuzz`).
const CARGO_FUZZ_VERSION: &str = "0.13.2";

fn fuzz(ctx: &Ctx, opts: &Opts) -> Result<bool, String> {
    if !ctx.root.join("fuzz/Cargo.toml").exists() {
        println!("fuzz: skipped (there is no fuzz/Cargo.toml yet)");
        return Ok(true);
    }
    // `+nightly` needs rustup's cargo proxy, not the toolchain's cargo in $CARGO
    let nightly = |args: &[&str]| {
        let mut c = Command::new("cargo");
        c.arg("+nightly").args(args).current_dir(&ctx.root);
        c
    };
    let _ = nightly;
    Ok(report(fuzz_targets(ctx, opts.seconds)))
}

/// Run both fuzz targets (`compile`: lexer, parser, compiler; `run`: compile and run with a
/// bounded budget) for `seconds` each, with a corpus seeded from `tests/cases`. Installs
/// cargo-fuzz (pinned) when it is missing.
fn fuzz_targets(ctx: &Ctx, seconds: u64) -> Result<(), String> {
    let nightly = |args: &[&str]| {
        let mut c = Command::new("cargo");
        c.arg("+nightly")
            .args(args)
            .current_dir(ctx.root.join("fuzz"));
        // reference cycles a program builds leak until the cycle collector exists: the
        // fuzzers look for panics, overflows and hangs, not for leaks (also at exit)
        c.env("ASAN_OPTIONS", "detect_leaks=0");
        c
    };
    let have = proc::output_of(&mut nightly(&["fuzz", "--version"])).is_some();
    if !have {
        proc::run_inherit(&mut ctx.cargo(&[
            "install",
            "cargo-fuzz",
            "--version",
            CARGO_FUZZ_VERSION,
        ]))?;
    }
    for target in ["compile", "run"] {
        let corpus = ctx.root.join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        seed_corpus(&ctx.root.join("tests/cases"), &corpus);
        let secs = format!("-max_total_time={seconds}");
        println!("fuzz target `{target}` for {seconds} s");
        proc::run_inherit(&mut nightly(&[
            "fuzz",
            "run",
            target,
            corpus.to_str().unwrap_or("corpus"),
            "--",
            &secs,
            "-max_len=4096",
            "-timeout=10",
            // reference cycles a program builds leak until the cycle collector exists
            "-detect_leaks=0",
        ]))?;
    }
    Ok(())
}

fn seed_corpus(dir: &Path, corpus: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            seed_corpus(&p, corpus);
        } else if p.extension().map(|x| x == "py").unwrap_or(false) {
            let name = p.to_string_lossy().replace('/', "_");
            let _ = std::fs::copy(&p, corpus.join(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn options() {
        let o = parse_opts(&s(&["--filter", "thread", "--jobs=3", "--repeat", "5"])).unwrap();
        assert_eq!(o.filter.as_deref(), Some("thread"));
        assert_eq!(o.jobs, Some(3));
        assert_eq!(o.repeat, 5);
        assert_eq!(o.runs, 3);
        assert!(parse_opts(&s(&["--jobs", "0"])).is_err());
        assert!(parse_opts(&s(&["--jobs"])).is_err());
        assert!(parse_opts(&s(&["--nope"])).is_err());
        assert!(parse_opts(&s(&["--cases-only"])).unwrap().cases_only);
    }
}
