//! Command-line arguments: the clap definition, Python-style option termination, `-X`.

use std::ffi::OsString;

use clap::{ArgAction, Parser, Subcommand};

const ABOUT: &str = "Weft: a MicroPython-compatible Python interpreter, written in Rust.";

const LONG_ABOUT: &str = "\
Weft: a MicroPython-compatible Python interpreter, written in Rust.

With no arguments, starts the interactive REPL (or, when stdin is not a terminal, runs the \
script read from stdin). Options must come before the script: everything after the script \
name, `-c CODE` or `-m MODULE` is passed to the program in sys.argv.

A first argument that is one of the reserved words below runs that command; anything else is \
the script to run (write ./board to run a file named like a command).";

const USAGE: &str = "\
weft [OPTIONS] [SCRIPT [ARGS]...]
       weft run [OPTIONS] SCRIPT [ARGS]...
       weft [OPTIONS] -c CODE [ARGS]...
       weft [OPTIONS] -m MODULE [ARGS]...
       weft COMMAND [ARGS]...";

const AFTER_HELP: &str = "\
Also (each command has its own --help):
  run       `weft run [OPTIONS] SCRIPT` is `weft [OPTIONS] SCRIPT`;
            `weft run --port PORT SCRIPT` is `weft push --port PORT SCRIPT`

Threads:
  --green          run Python threads as green threads: all on one host thread, switched
                   by the interpreter (round robin, sys.setswitchinterval slices) — what
                   boards and the browser without cross-origin isolation do
  --schedule SEED  deterministic green threads: SEED (an integer) chooses which thread runs
                   next and for how long, and time is virtual; the same SEED gives the same
                   interleaving and the same output on every run and machine.
                   Also pct:SEED[:DEPTH[:STEPS]] (PCT priority schedule) and
                   replay:... (the decisions of a recorded run, from --print-schedule
                   or weft explore): replaying reproduces the run exactly
                   step or step:replay:... (step mode: after the replay, at each decision
                   the threads and their lines go to stderr and a command is read from
                   stdin: s T = thread T runs one line, r T = T runs until it blocks,
                   c = run to the end; --print-schedule gives the replay: string)
  --print-schedule with --schedule: print the run's replay:... string to stderr at the end

Reserved words for commands still to come:
  flash     flash Weft's firmware to an ESP32-C3/C6 (espflash)

-X options:
  heapsize=SIZE   heap limit; SIZE is bytes with an optional k/K, m/M or g/G suffix
                  (MicroPython's w suffix, \"words\", is accepted too); e.g. -X heapsize=2M.
                  Going over the limit raises MemoryError.
  emit=bytecode, emit=native, emit=viper, compile-only, realtime
                  accepted for compatibility with MicroPython's tools, and ignored.

REPL keys:
  Tab completes names and attributes, Ctrl-E enters paste mode (Ctrl-D runs the pasted
  block, Ctrl-C cancels it), Ctrl-C cancels the line or interrupts running code,
  Ctrl-D on an empty line exits. History is kept in ~/.weft_history.

Environment:
  MICROPYPATH     ':'-separated folders added to sys.path after the script's folder

Exit status: 0, 1 after an uncaught exception, the code given to sys.exit(), 2 for a
usage error, 3 when every thread deadlocked (the wait-for cycle is printed to stderr).

Examples:
  weft                          start the REPL (Ctrl-D exits, Ctrl-E paste mode)
  weft hello.py                 run hello.py; sys.argv == ['hello.py']
  weft hello.py -v 3            sys.argv == ['hello.py', '-v', '3']
  weft -c 'print(1 + 1)'        run a one-liner; sys.argv[0] == '-c'
  weft -m timeit                run a module found on sys.path as __main__
  weft -i setup.py              run setup.py, then stay in the REPL
  weft -X heapsize=256k t.py    run t.py with a 256 KiB heap
  echo 'print(42)' | weft       run the script given on stdin";

#[derive(Parser, Debug)]
#[command(
    name = "weft",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true,
    override_usage = USAGE,
)]
pub struct Cli {
    /// Run CODE as the program (sys.argv[0] is '-c'); ends the option list
    #[arg(short = 'c', value_name = "CODE", conflicts_with = "module")]
    pub code: Option<String>,

    /// Run library module MODULE as a script (found on sys.path); ends the option list
    #[arg(short = 'm', value_name = "MODULE")]
    pub module: Option<String>,

    /// Implementation option, e.g. -X heapsize=2M (see below)
    #[arg(short = 'X', value_name = "OPTION", action = ArgAction::Append)]
    pub x: Vec<String>,

    /// Inspect interactively: enter the REPL after running the script
    #[arg(short = 'i')]
    pub inspect: bool,

    /// Green threads: all Python threads on one host thread, scheduled by the interpreter
    #[arg(long)]
    pub green: bool,

    /// Deterministic green threads: SEED chooses the interleaving (implies --green); also
    /// pct:SEED[:DEPTH[:STEPS]] or a recorded replay:... string
    #[arg(long, value_name = "SEED", value_parser = parse_schedule)]
    pub schedule: Option<weft_vm::green::ScheduleChoice>,

    /// With --schedule: print the run's replay:... schedule string to stderr at the end
    #[arg(long = "print-schedule")]
    pub print_schedule: bool,

    /// Verbose: print the interpreter's settings to stderr (repeat for more)
    #[arg(short = 'v', action = ArgAction::Count)]
    pub verbose: u8,

    /// Print every scheduling event (thread start/exit, GIL hand-off, lock wait/acquire/
    /// release, sleep) to stderr, or to FILE
    #[arg(long = "trace-threads", value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    pub trace_threads: Option<String>,

    /// The script to run and its arguments (after -c / -m: the arguments only)
    #[arg(
        value_name = "SCRIPT [ARGS]",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub args: Vec<OsString>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `weft explore SCRIPT [ARGS]`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Each run is a fresh interpreter in this process, with green threads on a deterministic
schedule (virtual time; output kept in memory). A run fails when an exception escapes
any thread, an assert fails, the threads deadlock, or its output (stdout, stderr and exit
status) differs from the first run's. On a failure weft explore prints the run's output,
the reason and the --schedule string that replays it (`weft --schedule STRING SCRIPT`),
and exits with 1; 0 when no run failed. Strategies: random (seeded random picks and slice
lengths), pct (PCT priorities with DEPTH-1 change points), both (alternating).")]
pub struct ExploreArgs {
    /// How many schedules to try
    #[arg(long, default_value_t = 1000)]
    pub runs: u64,
    /// The first seed (run i uses SEED+i)
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Which schedules: random, pct or both
    #[arg(long, default_value = "both", value_parser = ["random", "pct", "both"])]
    pub strategy: String,
    /// PCT depth (number of ordering constraints a bug needs)
    #[arg(long, default_value_t = weft_vm::green::PCT_DEPTH)]
    pub depth: u32,
    /// No progress on stderr
    #[arg(short, long)]
    pub quiet: bool,
    /// Run all N schedules and count the failing ones (the first is reported)
    #[arg(long = "keep-going")]
    pub keep_going: bool,
    /// The script and its arguments
    #[arg(
        value_name = "SCRIPT [ARGS]",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub args: Vec<OsString>,
}

fn parse_schedule(s: &str) -> Result<weft_vm::green::ScheduleChoice, String> {
    weft_vm::green::parse_schedule(s)
}

/// Passed through untouched to a subcommand, until it has its own options.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Act as a virtual board (friendly + raw REPL) on stdio, a new pty or a tty path
    Board(crate::board::BoardArgs),
    /// Serve the playground on 127.0.0.1 (cross-origin isolated: real threads)
    Serve(ServeArgs),
    /// Run a script on a board (raw REPL, raw-paste), streaming its output
    Push(crate::push::PushArgs),
    /// Open a terminal on a board's REPL (Weft or stock MicroPython)
    Connect(crate::connect::ConnectArgs),
    /// Files on a board: ls, cat, put, get, rm, mkdir
    Fs(crate::fs_cmd::FsArgs),
    /// Flash Weft's firmware onto an ESP32-C3 / ESP32-C6 (or save the image)
    Flash(crate::flash::FlashArgs),
    /// Run a threaded script under many schedules; stop at the first that fails
    Explore(ExploreArgs),
}

/// Python's rule: options end at the script name, or right after `-c CODE` / `-m MODULE`;
/// everything after belongs to the program. This pass splits option clusters (`-ic CODE`,
/// `-cCODE`, `-Xopt`) into separate arguments, rejects unknown options, and inserts `--`
/// after `-c`/`-m` values so clap does not take the program's arguments as weft's options.
pub fn python_style_args(argv: Vec<OsString>) -> Result<Vec<OsString>, String> {
    let mut out = Vec::with_capacity(argv.len() + 1);
    let mut it = argv.into_iter().peekable();
    if let Some(prog) = it.next() {
        out.push(prog);
    }
    // `weft run [OPTIONS] SCRIPT [ARGS]` is `weft [OPTIONS] SCRIPT [ARGS]`
    if it.peek().map(|a| a == "run").unwrap_or(false) {
        it.next();
        if it.peek().is_none() {
            return Err("weft run needs a script to run".into());
        }
        // `weft run --port PORT SCRIPT` runs it on a board: `weft push`
        let on_board = it.peek().is_some_and(|a| {
            let a = a.to_string_lossy();
            a == "--port" || a == "-p" || a.starts_with("--port=")
        });
        if on_board {
            out.push("push".into());
            out.extend(it);
            return Ok(out);
        }
    }
    while let Some(a) = it.next() {
        let s = a.to_string_lossy().into_owned();
        if s == "--" || !s.starts_with('-') || s == "-" {
            // the script (or a subcommand), then its arguments
            out.push(a);
            out.extend(it);
            return Ok(out);
        }
        if let Some(long) = s.strip_prefix("--") {
            match long {
                "help" | "version" | "green" | "trace-threads" | "print-schedule" => out.push(a),
                "schedule" => {
                    out.push(a);
                    match it.next() {
                        Some(v) => out.push(v),
                        None => return Err("option --schedule needs a value (a seed)".into()),
                    }
                }
                _ if long.starts_with("schedule=") || long.starts_with("trace-threads=") => {
                    out.push(a)
                }
                _ => return Err(format!("unknown option '{s}'")),
            }
            continue;
        }
        let flags = &s[1..];
        for (i, c) in flags.char_indices() {
            match c {
                'i' | 'v' | 'h' | 'V' => out.push(format!("-{c}").into()),
                'c' | 'm' | 'X' => {
                    out.push(format!("-{c}").into());
                    let attached = &flags[i + 1..];
                    if !attached.is_empty() {
                        out.push(attached.into());
                    } else if let Some(v) = it.next() {
                        out.push(v);
                    } else {
                        return Err(format!("option -{c} needs a value"));
                    }
                    if c != 'X' {
                        out.push("--".into());
                        out.extend(it);
                        return Ok(out);
                    }
                    break;
                }
                _ => return Err(format!("unknown option '-{c}'")),
            }
        }
    }
    Ok(out)
}

/// Settings from `-X` options.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub heap_limit: Option<usize>,
}

impl Options {
    pub fn from_x(xs: &[String]) -> Result<Options, String> {
        let mut o = Options::default();
        for x in xs {
            let (key, value) = match x.split_once('=') {
                Some((k, v)) => (k, Some(v)),
                None => (x.as_str(), None),
            };
            match (key, value) {
                ("heapsize", Some(v)) => {
                    o.heap_limit = Some(parse_size(v).map_err(|e| {
                        format!("invalid -X heapsize value '{v}': {e} (expected e.g. 512k, 2M, 1G)")
                    })?);
                }
                ("heapsize", None) => {
                    return Err(
                        "-X heapsize needs a value, e.g. -X heapsize=2M".to_string()
                    )
                }
                ("emit", Some("bytecode" | "native" | "viper"))
                | ("compile-only", None)
                | ("realtime", None) => {}
                _ => {
                    return Err(format!(
                        "unknown -X option '{x}' (known: heapsize=SIZE, emit=bytecode|native|viper, compile-only, realtime)"
                    ))
                }
            }
        }
        Ok(o)
    }
}

/// Parse a size: decimal digits (or 0x hex), then optionally `w` (machine words, as in
/// MicroPython: the number is taken relative to 4-byte words) and one of k/K, m/M, g/G.
pub fn parse_size(s: &str) -> Result<usize, &'static str> {
    let s = s.trim();
    let (digits, rest, radix) = if let Some(h) = s.strip_prefix("0x").or(s.strip_prefix("0X")) {
        let end = h.find(|c: char| !c.is_ascii_hexdigit()).unwrap_or(h.len());
        (&h[..end], &h[end..], 16)
    } else {
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        (&s[..end], &s[end..], 10)
    };
    if digits.is_empty() {
        return Err("not a number");
    }
    let mut n = u64::from_str_radix(digits, radix).map_err(|_| "too large")?;
    let mut rest = rest;
    let mut words = false;
    if let Some(r) = rest.strip_prefix(['w', 'W']) {
        words = true;
        rest = r;
    }
    let mult: u64 = match rest {
        "" => 1,
        "k" | "K" => 1 << 10,
        "m" | "M" => 1 << 20,
        "g" | "G" => 1 << 30,
        _ => return Err("unknown suffix"),
    };
    n = n.checked_mul(mult).ok_or("too large")?;
    if words {
        n = n
            .checked_mul(std::mem::size_of::<usize>() as u64)
            .ok_or("too large")?
            / 4;
    }
    if n == 0 {
        return Err("must be more than 0");
    }
    usize::try_from(n).map_err(|_| "too large")
}

/// `weft serve [--port N] [--open] [--dir D]`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  weft serve                  serve the current folder (the Weft repository) on port 8000
  weft serve --port 0 --open  any free port, and open the page in a browser
  weft serve --dir site       serve the folder site (it must hold index.html)

Build the page first with `cargo xtask playground` (which then runs this command).")]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Open the page in a browser
    #[arg(long)]
    pub open: bool,
    /// Folder to serve (default: the current folder); must hold index.html
    #[arg(long, value_name = "D")]
    pub dir: Option<std::path::PathBuf>,
    /// Leave out the COOP/COEP headers (to try the page's green-thread fallback)
    #[arg(long)]
    pub no_isolation: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(python_style_args(v(args)).unwrap()).unwrap()
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("2M"), Ok(2 << 20));
        assert_eq!(parse_size("2m"), Ok(2 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("512K"), Ok(512 << 10));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("0x100"), Ok(256));
        assert_eq!(
            parse_size("4wK"),
            Ok(4 * 1024 * std::mem::size_of::<usize>() / 4)
        );
        assert!(parse_size("").is_err());
        assert!(parse_size("abc").is_err());
        assert!(parse_size("2X").is_err());
        assert!(parse_size("2MB").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("-5").is_err());
        assert!(parse_size("99999999999999999999").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }

    #[test]
    fn x_options() {
        let x = |s: &[&str]| Options::from_x(&s.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(x(&[]).unwrap().heap_limit, None);
        assert_eq!(x(&["heapsize=2M"]).unwrap().heap_limit, Some(2 << 20));
        assert_eq!(
            x(&["emit=native", "heapsize=1k", "realtime", "compile-only"])
                .unwrap()
                .heap_limit,
            Some(1024)
        );
        assert!(x(&["heapsize=lots"]).is_err());
        assert!(x(&["heapsize"]).is_err());
        assert!(x(&["frobnicate"]).is_err());
    }

    #[test]
    fn script_args_belong_to_the_script() {
        let c = parse(&["weft", "-i", "s.py", "-v", "-c", "x"]);
        assert!(c.inspect);
        assert_eq!(c.verbose, 0);
        assert_eq!(c.args, v(&["s.py", "-v", "-c", "x"]));
        assert!(c.code.is_none());
    }

    #[test]
    fn dash_c_ends_options() {
        let c = parse(&["weft", "-c", "print(1)", "-v", "board"]);
        assert_eq!(c.code.as_deref(), Some("print(1)"));
        assert_eq!(c.verbose, 0);
        assert_eq!(c.args, v(&["-v", "board"]));
        assert!(c.command.is_none());
        let c = parse(&["weft", "-cprint(2)", "a"]);
        assert_eq!(c.code.as_deref(), Some("print(2)"));
        assert_eq!(c.args, v(&["a"]));
        let c = parse(&["weft", "-ic", "x", "-i"]);
        assert!(c.inspect);
        assert_eq!(c.code.as_deref(), Some("x"));
        assert_eq!(c.args, v(&["-i"]));
    }

    #[test]
    fn dash_m_and_x() {
        let c = parse(&[
            "weft",
            "-X",
            "heapsize=2M",
            "-Xemit=native",
            "-m",
            "mod",
            "-x",
        ]);
        assert_eq!(
            c.x,
            vec!["heapsize=2M".to_string(), "emit=native".to_string()]
        );
        assert_eq!(c.module.as_deref(), Some("mod"));
        assert_eq!(c.args, v(&["-x"]));
    }

    #[test]
    fn subcommands_are_reserved_words() {
        let c = parse(&["weft", "board", "--pty"]);
        assert!(matches!(c.command, Some(Command::Board(_))));
        let c = parse(&["weft", "./board"]);
        assert!(c.command.is_none());
        assert_eq!(c.args, v(&["./board"]));
    }

    #[test]
    fn thread_options_and_run() {
        let c = parse(&["weft", "--green", "t.py"]);
        assert!(c.green);
        assert_eq!(c.schedule, None);
        let c = parse(&["weft", "--schedule", "7", "t.py", "--schedule", "x"]);
        assert_eq!(c.schedule, Some(weft_vm::green::ScheduleChoice::Seeded(7)));
        assert_eq!(c.args, v(&["t.py", "--schedule", "x"]));
        let c = parse(&["weft", "run", "--schedule=12", "t.py", "a"]);
        assert_eq!(c.schedule, Some(weft_vm::green::ScheduleChoice::Seeded(12)));
        assert_eq!(c.args, v(&["t.py", "a"]));
        let c = parse(&["weft", "run", "t.py"]);
        assert!(!c.green);
        assert_eq!(c.args, v(&["t.py"]));
        assert!(python_style_args(v(&["weft", "--schedule"])).is_err());
        assert!(python_style_args(v(&["weft", "run"])).is_err());
        assert!(Cli::try_parse_from(
            python_style_args(v(&["weft", "--schedule", "x", "t.py"])).unwrap()
        )
        .is_err());
    }

    #[test]
    fn unknown_options() {
        assert!(python_style_args(v(&["weft", "-q"])).is_err());
        assert!(python_style_args(v(&["weft", "-iq"])).is_err());
        assert!(python_style_args(v(&["weft", "--frob"])).is_err());
        assert!(python_style_args(v(&["weft", "-c"])).is_err());
        assert!(python_style_args(v(&["weft", "-X"])).is_err());
        assert!(python_style_args(v(&["weft", "s.py", "-q"])).is_ok());
    }

    #[test]
    fn run_with_a_port_is_push() {
        let c = parse(&["weft", "run", "--port", "/dev/ttyUSB0", "t.py"]);
        match c.command {
            Some(Command::Push(p)) => {
                assert_eq!(p.port, "/dev/ttyUSB0");
                assert_eq!(p.script, std::path::PathBuf::from("t.py"));
            }
            other => panic!("{other:?}"),
        }
        let c = parse(&["weft", "run", "t.py", "--port", "x"]);
        assert!(c.command.is_none());
        assert_eq!(c.args, v(&["t.py", "--port", "x"]));
    }

    #[test]
    fn no_args_is_repl() {
        let c = parse(&["weft"]);
        assert!(c.args.is_empty() && c.code.is_none() && c.module.is_none());
    }
}
