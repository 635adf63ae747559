//! `weft`: the command-line interpreter.
//!
//! `weft` (REPL, or the script on stdin), `weft script.py [args]`, `weft -c CODE [args]`,
//! `weft -m module [args]`, plus subcommands (`board`, `serve`, `push`, `connect`, `fs`,
//! `flash`, `explore`) that arrive with the bridge and board work.

mod args;
mod board;
mod connect;
mod explore;
mod flash;
mod fs_cmd;
mod port;
mod push;
mod repl;
mod serve;
mod step;
mod threads;
mod tty;

use std::ffi::OsString;
use std::io::{IsTerminal, Read};
use std::path::Path;

use clap::Parser;
use weft_vm::green::ScheduleChoice;
use weft_vm::{Config, Interp};

use args::{Cli, Command, Options};
use port::OsPort;

#[global_allocator]
static ALLOC: port::CountingAlloc = port::CountingAlloc;

fn main() {
    install_panic_hook();
    let code = real_main(std::env::args_os().collect());
    std::process::exit(code);
}

/// A panic is a bug in Weft: say so in one line instead of Rust's default report (unless
/// RUST_BACKTRACE asks for the details).
fn install_panic_hook() {
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "panic".to_string()
        };
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("weft: internal error (a bug in Weft, please report it): {msg}{at}");
    }));
}

/// Print a usage error and return the usage-error status.
fn usage_error(msg: &str) -> i32 {
    eprintln!("weft: {msg}");
    eprintln!("Try 'weft --help' for more information.");
    2
}

fn real_main(argv: Vec<OsString>) -> i32 {
    let argv = match args::python_style_args(argv) {
        Ok(a) => a,
        Err(msg) => return usage_error(&msg),
    };
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    if let Some(cmd) = cli.command {
        return match cmd {
            Command::Board(a) => board::main(a),
            Command::Push(a) => push::main(a),
            Command::Connect(a) => connect::main(a),
            Command::Fs(a) => fs_cmd::main(a),
            Command::Serve(a) => serve::run(&a),
            Command::Explore(a) => explore::run(&a),
            Command::Flash(a) => flash::main(a),
        };
    }
    let opts = match Options::from_x(&cli.x) {
        Ok(o) => o,
        Err(msg) => return usage_error(&msg),
    };
    let result = std::panic::catch_unwind(move || run(cli, opts));
    // 70 = EX_SOFTWARE; the panic hook has said what happened
    result.unwrap_or(70)
}

fn platform() -> String {
    match std::env::consts::OS {
        "macos" => "darwin".to_string(),
        os => os.to_string(),
    }
}

/// `sys.path`: `first`, then the entries of `MICROPYPATH` (split on ':').
fn sys_path(first: String) -> Vec<String> {
    let mut path = vec![first];
    if let Ok(mp) = std::env::var("MICROPYPATH") {
        path.extend(mp.split(':').filter(|s| !s.is_empty()).map(String::from));
    }
    path
}

/// The folder of a script, as `sys.path[0]`: absolute when it can be resolved.
fn script_dir(script: &Path) -> String {
    let dir = std::fs::canonicalize(script)
        .ok()
        .and_then(|p| p.parent().map(|d| d.to_path_buf()))
        .or_else(|| script.parent().map(|d| d.to_path_buf()))
        .unwrap_or_default();
    dir.to_string_lossy().into_owned()
}

/// `--print-schedule`: the run's decisions as a `--schedule` string, on stderr.
fn print_schedule(interp: &Interp) {
    let green = interp.vm.shared.green.as_ref();
    match green.and_then(|g| g.schedule_string()) {
        Some(s) => {
            if green.map(|g| g.schedule_diverged()).unwrap_or(false) {
                eprintln!("weft: the replayed schedule did not match this run");
            }
            eprintln!("weft: schedule {s}");
        }
        None => eprintln!(
            "weft: no schedule string (it needs --schedule, and at most {} decisions)",
            weft_vm::green::MAX_STEPS
        ),
    }
}

enum Program {
    Repl,
    Source { source: String, filename: String },
    Module(String),
}

fn run(cli: Cli, opts: Options) -> i32 {
    let mut config = Config {
        platform: platform(),
        trace: cli.trace_threads.is_some(),
        ..Config::default()
    };
    if let Some(h) = opts.heap_limit {
        config.heap_limit = h;
    }
    config.schedule = match (cli.schedule.clone(), cli.green) {
        (Some(choice), _) => Some(choice),
        (None, true) => Some(ScheduleChoice::RoundRobin),
        (None, false) => None,
    };
    let rest: Vec<String> = cli
        .args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();

    let stdin_tty = std::io::stdin().is_terminal();
    let program = if let Some(code) = &cli.code {
        config.argv = std::iter::once("-c".to_string()).chain(rest).collect();
        config.path = sys_path(String::new());
        Program::Source {
            source: code.clone(),
            filename: "<string>".into(),
        }
    } else if let Some(module) = &cli.module {
        config.argv = std::iter::once(module.clone()).chain(rest).collect();
        config.path = sys_path(String::new());
        Program::Module(module.clone())
    } else if let Some(script) = cli.args.first() {
        let path = Path::new(script);
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                let e = port::os_error(&e);
                eprintln!(
                    "weft: can't open file '{}': [Errno {}] {}",
                    path.display(),
                    e.errno,
                    e.msg
                );
                return 2;
            }
        };
        let source = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                eprintln!(
                    "  File \"{}\"\nSyntaxError: invalid UTF-8 in source at byte {}",
                    path.display(),
                    e.utf8_error().valid_up_to()
                );
                return 1;
            }
        };
        config.argv = rest;
        config.path = sys_path(script_dir(path));
        Program::Source {
            source,
            filename: script.to_string_lossy().into_owned(),
        }
    } else if cli.inspect || stdin_tty {
        config.argv = vec![String::new()];
        config.path = sys_path(String::new());
        Program::Repl
    } else {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            eprintln!("weft: can't read the script from stdin: {e}");
            return 2;
        }
        config.argv = vec![String::new()];
        config.path = sys_path(String::new());
        Program::Source {
            source: String::from_utf8_lossy(&bytes).into_owned(),
            filename: "<stdin>".into(),
        }
    };

    if cli.verbose > 0 {
        eprintln!(
            "weft {}: argv={:?} path={:?} heap_limit={} platform={}",
            env!("CARGO_PKG_VERSION"),
            config.argv,
            config.path,
            config.heap_limit,
            config.platform
        );
    }

    let port = OsPort::leak();
    match cli.trace_threads.as_deref() {
        None | Some("-") => {}
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => port.trace_to(f),
            Err(e) => {
                eprintln!("weft: can't write the thread trace to '{path}': {e}");
                return 2;
            }
        },
    }
    port::install_interrupt_handler();
    let stepping = matches!(config.schedule, Some(ScheduleChoice::Step(_)));
    let mut interp = Interp::new(port, config);
    if stepping {
        if let Some(g) = &interp.vm.shared.green {
            g.set_step_host(Box::new(step::StdinHost));
        }
    }
    let status = match program {
        Program::Repl => return repl::run(interp, port, true),
        Program::Source { source, filename } => interp.run_main(&source, &filename),
        Program::Module(m) => interp.run_module_main(&m),
    };
    weft_vm::port::Port::flush(port);
    if cli.print_schedule {
        print_schedule(&interp);
    }
    if cli.inspect {
        return repl::run(interp, port, false);
    }
    status
}
