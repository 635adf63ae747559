//! The embedding API: what a platform (the CLI, the web worker, the firmware) calls.
//!
//! STUB: signatures are fixed; the bodies are being written (see vm.rs).

use alloc::string::String;
use alloc::vec::Vec;

use crate::port::Port;

/// Interpreter settings, fixed at start-up.
#[derive(Clone, Debug)]
pub struct Config {
    /// `sys.argv`
    pub argv: Vec<String>,
    /// `sys.path`: the script's folder (or "" for -c / REPL) first, then `MICROPYPATH` entries
    pub path: Vec<String>,
    /// heap limit in bytes (`-X heapsize`); exceeding it raises `MemoryError`
    pub heap_limit: usize,
    /// maximum Python call depth before `RecursionError`
    pub recursion_limit: usize,
    /// `sys.platform`
    pub platform: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            argv: Vec::new(),
            path: Vec::new(),
            heap_limit: 512 * 1024 * 1024,
            recursion_limit: 1000,
            platform: String::from("linux"),
        }
    }
}

/// How one REPL input ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplOutcome {
    /// ran (an exception, if any, was printed to stderr)
    Done,
    /// `SystemExit` (or `sys.exit()`) was raised: leave the REPL with this status
    Exit(i32),
}

/// One interpreter: one heap, one `__main__`, any number of Python threads.
pub struct Interp {
    _port: &'static dyn Port,
}

impl Interp {
    pub fn new(port: &'static dyn Port, config: Config) -> Interp {
        let _ = config;
        Interp { _port: port }
    }

    /// Run `source` as `__main__`. An uncaught exception's traceback is printed to stderr.
    /// Returns the process exit status: 0, 1 after an uncaught exception, or the code of
    /// `SystemExit`. Waits for non-daemon threads before returning.
    pub fn run_main(&mut self, source: &str, filename: &str) -> i32 {
        let _ = (source, filename);
        1
    }

    /// `weft -m module`: find `module` on `sys.path` and run it as `__main__`.
    pub fn run_module_main(&mut self, module: &str) -> i32 {
        let _ = module;
        1
    }

    /// Run one REPL input in `__main__` (expression values are printed).
    pub fn repl_exec(&mut self, source: &str) -> ReplOutcome {
        let _ = source;
        ReplOutcome::Done
    }

    /// Names for REPL tab completion: the attributes of the object that `expr` evaluates to
    /// (empty `expr`: the globals and builtins) that start with `prefix`.
    pub fn complete(&mut self, expr: &str, prefix: &str) -> Vec<String> {
        let _ = (expr, prefix);
        Vec::new()
    }
}
