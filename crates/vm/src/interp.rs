//! The embedding API (what the CLI, the web worker and the firmware call) and the state
//! shared by every Python thread of one interpreter.

use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::Cell;

use crate::dict::Dict;
use crate::error::Mode;
use crate::port::{Port, Stream};
use crate::types::{TypeId, TypeTable};
use crate::value::*;
use crate::vm::{PyErr, Vm};

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
    /// run Python threads as green threads on this host thread, with this schedule (also
    /// the case, round robin, when the port has no host threads)
    pub schedule: Option<crate::green::ScheduleChoice>,
    /// send scheduling events to `Port::trace` (`weft --trace-threads`)
    pub trace: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            argv: Vec::new(),
            path: Vec::new(),
            heap_limit: 512 * 1024 * 1024,
            recursion_limit: 1000,
            platform: String::from("linux"),
            schedule: None,
            trace: false,
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

/// State shared by all threads of an interpreter. Touched only under the GIL.
pub struct Shared {
    pub port: &'static dyn Port,
    pub config: Config,
    pub types: TypeTable,
    pub builtins: Value,
    pub builtins_dict: Value,
    /// `sys.modules`
    pub modules: Value,
    pub main_dict: Value,
    pub build_class: Value,
    /// classes of Rust-implemented objects, by name
    pub native_classes: Value,
    /// the same classes by the address of the `&'static str` name `native_class` was given
    /// (a pointer compare instead of hashing the name on every native method call)
    pub native_class_cache: core::cell::RefCell<Vec<(usize, Value)>>,
    /// `sys.path` (a list shared with the sys module)
    pub sys_path_list: Value,
    pub recursion_limit: Cell<usize>,
    pub switch_interval_us: Cell<u64>,
    /// interned identifier strings: names in code objects and dict keys share one Rc,
    /// so name lookups hit on pointer equality
    pub interned: core::cell::RefCell<crate::dict::Interned>,
    /// bumped whenever any class namespace changes: invalidates every method cache
    pub type_version: Cell<u64>,
    /// the next `_thread.get_ident()` value
    pub next_ident: Cell<u64>,
    /// Python threads started by `_thread.start_new_thread` that are still running
    pub thread_count: Cell<usize>,
    /// threads waiting on a lock: the wait-for graph deadlock detection reads
    pub waits: core::cell::RefCell<Vec<crate::modules::thread::Wait>>,
    /// a deadlock was found: every thread unwinds, the program exits with DEADLOCK_STATUS
    pub deadlock: Cell<bool>,
    /// numbering for locks (`lock #N` in deadlock reports)
    pub next_lock_id: Cell<u64>,
    /// the green-thread scheduler (None: Python threads are host threads under a GIL)
    pub green: Option<crate::green::Green>,
    /// `config.trace`, copied where the hot paths read it (plain data: readable without
    /// the GIL)
    pub tracing: bool,
    /// the port's clock when the interpreter was created (events are timed from here)
    pub start_us: u64,
    /// the thread that last took the GIL (to see hand-offs)
    pub gil_holder: Cell<u64>,
    /// names given by `threading` to running threads (ident, name), for reports
    pub thread_names: core::cell::RefCell<Vec<(u64, String)>>,
}

/// Exit status of a program ended because all its threads deadlocked.
pub const DEADLOCK_STATUS: i32 = 3;

impl Shared {
    /// The host threads Python threads run on (None with green threads).
    pub fn threads(&self) -> Option<&'static dyn crate::port::ThreadPort> {
        if self.green.is_some() {
            None
        } else {
            self.port.threads()
        }
    }

    /// The monotonic clock in µs (virtual in a deterministic green run).
    pub fn ticks_us(&self) -> u64 {
        match &self.green {
            Some(g) => g.ticks_us(self.port),
            None => self.port.ticks_us(),
        }
    }

    /// Wall time in ns since the epoch (virtual in a deterministic green run).
    pub fn time_ns(&self) -> u64 {
        match &self.green {
            Some(g) => g.time_ns(self.port),
            None => self.port.time_ns(),
        }
    }

    pub fn sys_path(&self) -> Vec<String> {
        match &self.sys_path_list {
            Value::Obj(o) => match &**o {
                Obj::List(l) => l
                    .borrow()
                    .iter()
                    .filter_map(|v| v.as_str().map(|s| s.as_str().to_string()))
                    .collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}

/// One interpreter: one heap, one `__main__`, any number of Python threads.
pub struct Interp {
    /// dropped by hand in `Drop`, while the GIL is still held
    pub vm: core::mem::ManuallyDrop<Vm>,
}

impl Interp {
    pub fn new(port: &'static dyn Port, config: Config) -> Interp {
        let schedule = match (config.schedule.clone(), port.threads()) {
            (Some(s), _) => Some(s),
            (None, None) => Some(crate::green::ScheduleChoice::RoundRobin),
            (None, Some(_)) => None,
        };
        let host_threads = if schedule.is_some() {
            None
        } else {
            port.threads()
        };
        if let Some(t) = host_threads {
            t.gil_acquire();
        }
        let types = TypeTable::new();
        let mut bd = Dict::new();
        crate::builtins::populate(&mut bd, &types);
        let build_class = bd
            .get_str("__build_class__")
            .cloned()
            .unwrap_or(Value::None);
        let builtins_dict = Value::dict(bd);
        let builtins = Value::obj(Obj::Module(Module {
            name: Value::str("builtins"),
            dict: builtins_dict.clone(),
        }));
        let mut md = Dict::new();
        md.set_str("__name__", Value::str("__main__"));
        md.set_str("__builtins__", builtins.clone());
        let main_dict = Value::dict(md);
        let main_mod = Value::obj(Obj::Module(Module {
            name: Value::str("__main__"),
            dict: main_dict.clone(),
        }));
        let mut mods = Dict::new();
        mods.set_str("__main__", main_mod);
        mods.set_str("builtins", builtins.clone());
        let sys_path_list = Value::list(config.path.iter().map(|p| Value::str(p)).collect());
        let recursion_limit = Cell::new(config.recursion_limit);
        let tracing = config.trace;
        let shared = Rc::new(Shared {
            port,
            config,
            types,
            builtins,
            builtins_dict,
            modules: Value::dict(mods),
            main_dict,
            build_class,
            native_classes: Value::dict(Dict::new()),
            native_class_cache: core::cell::RefCell::new(Vec::new()),
            sys_path_list,
            recursion_limit,
            switch_interval_us: Cell::new(5000),
            interned: core::cell::RefCell::new(Default::default()),
            type_version: Cell::new(1),
            next_ident: Cell::new(1),
            thread_count: Cell::new(0),
            waits: core::cell::RefCell::new(Vec::new()),
            deadlock: Cell::new(false),
            next_lock_id: Cell::new(1),
            // the main thread's ident is the first one handed out (Vm::new below)
            green: schedule.map(|s| crate::green::Green::new(s, 1)),
            tracing,
            start_us: port.ticks_us(),
            gil_holder: Cell::new(1),
            thread_names: core::cell::RefCell::new(Vec::new()),
        });
        let vm = Vm::new(shared);
        // builtin names and builtin type methods are keyed by interned strings too
        intern_keys(&vm, &vm.shared.builtins_dict);
        for t in crate::types::ALL_TYPES {
            let cls = vm.shared.types.get(*t);
            if let Some(c) = crate::types::class_of(&cls) {
                let items = c.dict.borrow().items();
                let mut d = c.dict.borrow_mut();
                d.clear();
                for (k, v) in items {
                    d.set_strval(vm.intern_value(&k), v);
                }
            }
        }
        if let Some(t) = host_threads {
            t.gil_release();
        }
        Interp {
            vm: core::mem::ManuallyDrop::new(vm),
        }
    }

    /// Run `source` as `__main__`. An uncaught exception's traceback is printed to stderr.
    /// Returns the process exit status: 0, 1 after an uncaught exception, or the code of
    /// `SystemExit`.
    pub fn run_main(&mut self, source: &str, filename: &str) -> i32 {
        self.gil_enter();
        let r = self.run_main_inner(source, filename);
        self.gil_exit();
        r
    }

    /// Take the GIL on entry from the embedder (released again by `gil_exit`).
    fn gil_enter(&self) {
        if let Some(t) = self.vm.shared.threads() {
            t.gil_acquire();
        }
    }
    fn gil_exit(&self) {
        if let Some(t) = self.vm.shared.threads() {
            t.gil_release();
        }
    }

    /// At the end of the main program: join non-daemon `threading.Thread`s (CPython);
    /// bare `_thread` threads are daemons (MicroPython).
    fn shutdown_threads(&mut self) -> Option<crate::vm::PyErr> {
        let modules = self.vm.shared.modules.clone();
        let threading = self
            .vm
            .dict_get_str_opt(&modules, &Value::str("threading"))?;
        let f = self
            .vm
            .get_attr_opt(&threading, &Value::str("_shutdown"))
            .ok()??;
        self.vm.call(&f, &[]).err()
    }

    fn run_main_inner(&mut self, source: &str, filename: &str) -> i32 {
        let main = self.vm.shared.main_dict.clone();
        crate::vm::dict_set_str(&main, Value::str("__file__"), Value::str(filename));
        if let Err(e) = crate::builtins::check_compile_memory(&mut self.vm, source) {
            return self.report(e);
        }
        let code = match crate::compile_source(source, filename, Mode::Exec) {
            Ok(c) => crate::vm::CodeObject::load_owned(&self.vm, c),
            Err(e) => {
                let text = format_syntax_error(&e, filename, source);
                self.vm.write_stderr(&text);
                return 1;
            }
        };
        self.vm.killed = false;
        let r = crate::green::run_main(&mut self.vm, code, main.clone(), main);
        let mut status = match r {
            Ok(_) => 0,
            Err(e) => self.report(e),
        };
        if let Some(e) = self.shutdown_threads() {
            let s = self.report(e);
            if status == 0 {
                status = s;
            }
        }
        self.vm.emit(crate::trace::EventKind::Exit);
        self.vm.shared.port.flush();
        status
    }

    /// `weft -m module`: find `module` on `sys.path` and run it as `__main__`.
    pub fn run_module_main(&mut self, module: &str) -> i32 {
        for dir in self.vm.shared.sys_path() {
            let path = if dir.is_empty() {
                format!("{}.py", module.replace('.', "/"))
            } else {
                format!("{}/{}.py", dir, module.replace('.', "/"))
            };
            if let Some(src) = crate::import::read_file(&self.vm, &path) {
                let src = lossy_utf8(src);
                self.gil_enter();
                let r = self.run_main_inner(&src, &path);
                self.gil_exit();
                return r;
            }
        }
        self.vm
            .write_stderr(&format!("weft: No module named {}\n", module));
        1
    }

    /// Green threads of earlier programs still alive (daemons): run them for about
    /// `budget_us` while the embedder is idle (a board's REPL between commands). False when
    /// none can run now. See `green::run_idle`.
    pub fn run_background(&mut self, budget_us: u64) -> bool {
        crate::green::run_idle(&mut self.vm, budget_us)
    }

    /// Python threads alive besides the main one.
    pub fn threads_alive(&self) -> usize {
        self.vm.shared.thread_count.get()
    }

    /// Run one REPL input in `__main__` (expression values are printed).
    pub fn repl_exec(&mut self, source: &str) -> ReplOutcome {
        self.gil_enter();
        let r = self.repl_exec_inner(source);
        self.gil_exit();
        r
    }

    fn repl_exec_inner(&mut self, source: &str) -> ReplOutcome {
        let main = self.vm.shared.main_dict.clone();
        if let Err(e) = crate::builtins::check_compile_memory(&mut self.vm, source) {
            let text = format_exception(&mut self.vm, &e.0);
            self.vm.write_stderr(&text);
            return ReplOutcome::Done;
        }
        let code = match crate::compile_source(source, "<stdin>", Mode::Single) {
            Ok(c) => crate::vm::CodeObject::load_owned(&self.vm, c),
            Err(e) => {
                let text = format_syntax_error(&e, "<stdin>", source);
                self.vm.write_stderr(&text);
                return ReplOutcome::Done;
            }
        };
        // a fresh stack per input: nothing left over from an interrupted run
        self.vm.stack.clear();
        self.vm.frames.clear();
        self.vm.cur_exc = Value::None;
        self.vm.killed = false;
        let r = crate::green::run_main(&mut self.vm, code, main.clone(), main);
        self.vm.shared.port.flush();
        match r {
            Ok(_) => ReplOutcome::Done,
            Err(e) => {
                if self.vm.exc_matches(&e.0, TypeId::SystemExit) {
                    return ReplOutcome::Exit(self.exit_code(&e.0));
                }
                let text = format_exception(&mut self.vm, &e.0);
                self.vm.write_stderr(&text);
                ReplOutcome::Done
            }
        }
    }

    /// Names for REPL tab completion: the attributes of the object that `expr` evaluates to
    /// (empty `expr`: the globals and builtins) that start with `prefix`.
    pub fn complete(&mut self, expr: &str, prefix: &str) -> Vec<String> {
        self.gil_enter();
        let r = self.complete_inner(expr, prefix);
        self.gil_exit();
        r
    }

    fn complete_inner(&mut self, expr: &str, prefix: &str) -> Vec<String> {
        let vm = &mut self.vm;
        let mut names: Vec<String> = Vec::new();
        if expr.is_empty() {
            let main = vm.shared.main_dict.clone();
            let b = vm.shared.builtins_dict.clone();
            for d in [main, b] {
                if let Ok(items) = vm.mapping_items(&d) {
                    names.extend(items.into_iter().map(|(k, _)| vm.str_of(&k)));
                }
            }
        } else {
            let main = vm.shared.main_dict.clone();
            let code = match crate::compile_source(expr, "<complete>", Mode::Eval) {
                Ok(c) => crate::vm::CodeObject::load_owned(vm, c),
                Err(_) => return Vec::new(),
            };
            let saved_stack = vm.stack.len();
            let v = match vm.run_code(code, main.clone(), main) {
                Ok(v) => v,
                Err(_) => {
                    vm.stack.truncate(saved_stack);
                    return Vec::new();
                }
            };
            let f = vm.shared.builtins_dict.clone();
            if let Some(dir) = vm.dict_get_str_opt(&f, &Value::str("dir")) {
                if let Ok(l) = vm.call(&dir, &[v]) {
                    if let Ok(items) = vm.to_vec(&l) {
                        names.extend(items.iter().map(|k| vm.str_of(k)));
                    }
                }
            }
        }
        names.retain(|n| n.starts_with(prefix) && (!n.starts_with('_') || prefix.starts_with('_')));
        names.sort();
        names.dedup();
        names
    }

    fn exit_code(&mut self, exc: &Value) -> i32 {
        let args = crate::types::exc_args(exc);
        let code = args
            .as_tuple()
            .and_then(|t| t.first().cloned())
            .unwrap_or(Value::None);
        match code {
            Value::None => 0,
            Value::Int(i) => i as i32,
            Value::Bool(b) => b as i32,
            other => {
                let s = self.vm.str_string(&other).unwrap_or_default();
                self.vm.write_stderr(&format!("{}\n", s));
                1
            }
        }
    }

    /// Print an uncaught exception (or honour SystemExit) and return the exit status.
    fn report(&mut self, e: PyErr) -> i32 {
        if self.vm.shared.deadlock.get() {
            return DEADLOCK_STATUS;
        }
        if self.vm.exc_matches(&e.0, TypeId::SystemExit) {
            return self.exit_code(&e.0);
        }
        let text = format_exception(&mut self.vm, &e.0);
        self.vm.write_stderr(&text);
        1
    }
}

impl Drop for Interp {
    /// Break the reference cycles every interpreter has (a class's MRO holds the class,
    /// module functions hold their module's globals, ...) so that an interpreter that ends
    /// frees its heap. Cycles a program builds between its own objects need the cycle
    /// collector (not built yet).
    fn drop(&mut self) {
        let threads = self.vm.shared.threads();
        self.gil_enter();
        // green threads still alive (daemons) go first: they hold values teardown frees
        if let Some(g) = &self.vm.shared.green {
            g.clear();
        }
        self.teardown();
        // the last reference counts of this thread's objects change under the GIL
        // SAFETY: `vm` is not used again; Interp is being dropped
        unsafe { core::mem::ManuallyDrop::drop(&mut self.vm) };
        if let Some(t) = threads {
            t.gil_release();
        }
    }
}

impl Interp {
    fn teardown(&mut self) {
        let vm = &mut self.vm;
        vm.stack.clear();
        vm.frames.clear();
        vm.cur_exc = Value::None;
        let sh = vm.shared.clone();
        // the namespaces (modules are reached through sys.modules) and the builtin type
        // table; the heap may be full here (a program that ran out): no infallible growth
        let mut roots = Vec::new();
        let n = crate::types::ALL_TYPES.len() + 4;
        if roots.try_reserve(n).is_ok() {
            roots.push(sh.main_dict.clone());
            roots.push(sh.builtins_dict.clone());
            roots.push(sh.native_classes.clone());
            roots.push(sh.modules.clone());
            roots.extend(crate::types::ALL_TYPES.iter().map(|t| sh.types.get(*t)));
        }
        break_cycles(roots);
        sh.interned.borrow_mut().clear();
    }
}

/// Empty every container reachable from `roots` (dicts, sets, lists, cells, class tables,
/// instance payloads): what a program left in reference cycles (instances that refer to each
/// other, closures that refer to themselves, an imported module's objects) is freed with the
/// interpreter; a board's heap outlives its soft resets. Emptying a container is also its
/// visited mark, so no set of seen objects is needed; the work list grows with
/// `try_reserve`, and what it cannot take is dropped on the spot (a cycle among those stays).
fn break_cycles(roots: Vec<Value>) {
    let mut work = roots;
    // (the heap may be full: no temporary vectors, and nothing pushed without room)
    fn push<I: ExactSizeIterator<Item = Value>>(work: &mut Vec<Value>, vals: I) {
        if work.try_reserve(vals.len()).is_ok() {
            work.extend(vals);
        }
    }
    while let Some(v) = work.pop() {
        let Value::Obj(o) = &v else {
            continue;
        };
        match &**o {
            Obj::List(l) => {
                let vals = core::mem::take(&mut *l.borrow_mut());
                push(&mut work, vals.into_iter());
            }
            Obj::Dict(d) | Obj::Set(d) => {
                let entries = d.borrow_mut().take_entries();
                if work.try_reserve(entries.len() * 2).is_ok() {
                    for e in entries {
                        work.push(e.key);
                        work.push(e.value);
                    }
                }
            }
            Obj::Cell(c) => {
                let x = core::mem::replace(&mut *c.borrow_mut(), Value::None);
                push(&mut work, [x].into_iter());
            }
            Obj::Tuple(t) => push(&mut work, t.iter().cloned()),
            Obj::Method(f, s) => push(&mut work, [f.clone(), s.clone()].into_iter()),
            Obj::Module(m) => push(&mut work, [m.dict.clone()].into_iter()),
            Obj::Instance(i) => {
                let base = match core::mem::replace(&mut *i.payload.borrow_mut(), Payload::None) {
                    Payload::Base(b) => b,
                    _ => Value::None,
                };
                push(
                    &mut work,
                    [i.attrs.clone(), i.class.clone(), base].into_iter(),
                );
            }
            Obj::Function(f) => {
                push(&mut work, [f.globals.clone()].into_iter());
                push(&mut work, f.defaults.iter().cloned());
                push(&mut work, f.closure.iter().cloned());
                push(&mut work, f.kwdefaults.iter().map(|(_, v)| v.clone()));
                if let Some(mut d) = f.dict.borrow_mut().take() {
                    push(&mut work, d.take_entries().into_iter().map(|e| e.value));
                }
            }
            Obj::Class(c) => {
                let mro = core::mem::take(&mut *c.mro.borrow_mut());
                push(&mut work, mro.into_iter());
                let entries = c.dict.borrow_mut().take_entries();
                push(&mut work, entries.into_iter().map(|e| e.value));
                c.cache.borrow_mut().clear();
            }
            _ => {}
        }
    }
}

fn lossy_utf8(v: Vec<u8>) -> String {
    match String::from_utf8(v) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    }
}

fn intern_keys(vm: &Vm, d: &Value) {
    if let Value::Obj(o) = d {
        if let Obj::Dict(cell) = &**o {
            let items = cell.borrow().items();
            let mut dd = cell.borrow_mut();
            dd.clear();
            for (k, v) in items {
                dd.set_strval(vm.intern_value(&k), v);
            }
        }
    }
}

/// `  File "x.py", line N` / the line / a caret / `SyntaxError: msg`
pub fn format_syntax_error(e: &crate::CompileError, filename: &str, source: &str) -> String {
    let mut out = format!("  File \"{}\", line {}\n", filename, e.line);
    if let Some(line) = source.lines().nth(e.line.saturating_sub(1) as usize) {
        let trimmed = line.trim_start();
        let indent = line.chars().count() - trimmed.chars().count();
        out.push_str(&format!("    {}\n", trimmed.trim_end()));
        let col = (e.col as usize).saturating_sub(indent);
        out.push_str(&format!("    {}^\n", " ".repeat(col)));
    }
    out.push_str(&format!("{}: {}\n", e.kind, e.msg));
    out
}

/// MicroPython-style traceback text of an exception (with its cause/context chain).
pub fn format_exception(vm: &mut Vm, exc: &Value) -> String {
    let mut out = String::new();
    format_chain(vm, exc, &mut out, 0);
    out
}

fn format_chain(vm: &mut Vm, exc: &Value, out: &mut String, depth: usize) {
    let (tb, cause, context, suppress) = match exc {
        Value::Obj(o) => match &**o {
            Obj::Instance(i) => match &*i.payload.borrow() {
                Payload::Exc(d) => (
                    d.traceback.clone(),
                    d.cause.clone(),
                    d.context.clone(),
                    d.suppress_context,
                ),
                _ => (Vec::new(), None, None, false),
            },
            _ => (Vec::new(), None, None, false),
        },
        _ => (Vec::new(), None, None, false),
    };
    if depth < 10 {
        if let Some(c) = cause {
            format_chain(vm, &c, out, depth + 1);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        } else if let (Some(c), false) = (context, suppress) {
            format_chain(vm, &c, out, depth + 1);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
    }
    out.push_str("Traceback (most recent call last):\n");
    // like CPython: after three identical lines, say how often the line repeats
    let mut last: Option<String> = None;
    let mut repeats = 0usize;
    let flush = |out: &mut String, repeats: usize| {
        if repeats > 3 {
            out.push_str(&format!(
                "  [Previous line repeated {} more times]\n",
                repeats - 3
            ));
        }
    };
    for e in tb.iter().rev() {
        let line = format!(
            "  File \"{}\", line {}, in {}\n",
            e.filename,
            e.line,
            e.name()
        );
        if last.as_deref() == Some(line.as_str()) {
            repeats += 1;
            if repeats <= 3 {
                out.push_str(&line);
            }
            continue;
        }
        flush(out, repeats);
        repeats = 1;
        out.push_str(&line);
        last = Some(line);
    }
    flush(out, repeats);
    let name = {
        let t = vm.type_of(exc);
        let n = crate::types::class_name(&t);
        let module =
            crate::types::class_of(&t).and_then(|c| c.dict.borrow().get_str("__module__").cloned());
        match module.map(|m| vm.str_of(&m)) {
            Some(m) if !m.is_empty() && m != "builtins" && m != "__main__" => {
                format!("{}.{}", m, n)
            }
            _ => n,
        }
    };
    let msg = vm.str_string(exc).unwrap_or_default();
    if msg.is_empty() {
        out.push_str(&format!("{}\n", name));
    } else {
        out.push_str(&format!("{}: {}\n", name, msg));
    }
}

pub fn write_to(port: &dyn Port, s: &str) {
    port.write(Stream::Stderr, s.as_bytes());
}
