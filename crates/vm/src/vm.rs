//! The stackless VM: frames on a per-thread stack, one dispatch loop.
//!
//! A Python→Python call pushes a [`Frame`] and continues in the same loop; the Rust stack
//! does not grow. Locals and the value stack of every frame live in one `Vec<Value>` per
//! thread (`Vm::stack`): a frame's locals start at `base` and its operand stack follows at
//! `sp0`. Calling a function with positional arguments therefore copies nothing: the
//! arguments already sit where the callee's first locals go.
//!
//! Rust code that calls back into Python (a sort key, `__eq__`, `__repr__`, a generator's
//! `next`) runs a *nested* loop (`Vm::call`). Nested loops are the only Rust recursion;
//! they are bounded by `MAX_NATIVE_DEPTH`, so hostile input gives `RecursionError`, never a
//! Rust stack overflow. A thread can be parked at any instruction boundary of any loop.

use alloc::boxed::Box;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::sync::atomic::{AtomicBool, Ordering::Relaxed};

use crate::ast::{BinOp, CmpOp};
use crate::bytecode::{self, flags, Const, Instr};
use crate::dict::Dict;
use crate::interp::Shared;
use crate::types::TypeId;
use crate::value::*;

/// A raised Python exception: the exception instance.
#[derive(Clone, Debug)]
pub struct PyErr(pub Value);

pub type PyResult<T> = Result<T, PyErr>;

/// Rust-level nesting of VM loops (builtins calling back into Python).
pub const MAX_NATIVE_DEPTH: u32 = 200;
/// instructions between checks for interrupts (and, with threads, GIL hand-off)
pub const CHECK_INTERVAL: u32 = 1000;

/// Read the allocator's memory-low flag at every loop tick, not only every
/// `CHECK_INTERVAL` ticks: on bare-metal boards (where running through the emergency
/// reserve stops the firmware), and in this crate's tests (the `memory-ticks` feature,
/// which `tests/oom.rs` needs). Elsewhere no port sets the flag, and the check's code in
/// the dispatch loop cost `fib` 8% and Pystone 5% (A/B on the host).
pub(crate) const MEMORY_TICKS: bool = cfg!(any(target_os = "none", feature = "memory-ticks"));

/// Bytes of the emergency reserve a thread may use after its `MemoryError` for a low heap
/// before it gets the next (its `except MemoryError:` handler runs meanwhile).
const QUIET_BYTES: usize = 1024;

/// A code object's instruction or line table: in the heap (code compiled at run time), or
/// static data of the program (the frozen modules: in flash on a board, where heap is short).
pub enum Table<T: 'static> {
    Heap(Box<[T]>),
    Rom(&'static [T]),
}

impl<T> Table<T> {
    /// static data of the program (a frozen module's code)
    pub fn is_rom(&self) -> bool {
        matches!(self, Table::Rom(_))
    }
}

impl<T> core::ops::Deref for Table<T> {
    type Target = [T];
    #[inline(always)]
    fn deref(&self) -> &[T] {
        match self {
            Table::Heap(b) => b,
            Table::Rom(s) => s,
        }
    }
}

/// A code object's line numbers: one per instruction (code compiled at run time), or, for
/// the frozen modules, static runs `(first instruction, line)` (a line's instructions are
/// consecutive, so this is about a fifth of the size).
pub enum Lines {
    Each(Box<[u32]>),
    Runs(&'static [(u32, u32)]),
}

/// A code object as the VM runs it: the compiler's [`bytecode::Code`] (or a frozen
/// module's [`bytecode::RomCode`]) with its constants turned into runtime values and its
/// names into interned str values.
pub struct CodeObject {
    /// interned: the same object as the name the function or class is bound to
    pub name: Value,
    /// the same value as `name` when they are equal (module-level functions and classes)
    pub qualname: Value,
    /// shared by a module's nested code objects
    pub filename: Rc<str>,
    pub first_line: u32,
    pub flags: u32,
    pub argcount: usize,
    pub posonlyargcount: usize,
    pub kwonlyargcount: usize,
    pub instrs: Table<Instr>,
    pub lines: Lines,
    pub consts: Box<[Value]>,
    pub names: Box<[Value]>,
    pub varnames: Box<[Value]>,
    pub ncells: usize,
    pub nfree: usize,
    pub cellnames: Box<[Value]>,
    pub cell2arg: Box<[(u32, u32)]>,
    pub max_stack: usize,
}

/// The parts of a code object that are the same whether it comes from the compiler or from
/// static data; [`CodeObject::build`] makes the runtime object from them.
struct CodeParts {
    name: Value,
    qualname: Value,
    first_line: u32,
    flags: u32,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    max_stack: u32,
    instrs: Table<Instr>,
    lines: Lines,
    consts: Vec<Value>,
    cell2arg: Box<[(u32, u32)]>,
}

impl CodeObject {
    /// code of a frozen module (its instructions are static data)
    pub fn is_frozen(&self) -> bool {
        self.instrs.is_rom()
    }

    /// Turn compiled code into a runtime code object (a copy of `code`; callers that own it
    /// use [`CodeObject::load_owned`], which does not copy).
    pub fn load(vm: &Vm, code: &bytecode::Code) -> Rc<CodeObject> {
        CodeObject::load_owned(vm, code.clone())
    }
    /// Turn compiled code into a runtime code object, consuming it: its instruction and line
    /// tables move instead of being copied, and each nested code object is dropped as soon
    /// as it is converted.
    pub fn load_owned(vm: &Vm, code: bytecode::Code) -> Rc<CodeObject> {
        CodeObject::load_owned_in(vm, code, None)
    }
    fn load_owned_in(
        vm: &Vm,
        code: bytecode::Code,
        parent_file: Option<&Rc<str>>,
    ) -> Rc<CodeObject> {
        let file = shared_filename(&code.filename, parent_file);
        let consts = code
            .consts
            .into_iter()
            .map(|c| match c {
                Const::Code(n) => {
                    let n = Rc::try_unwrap(n).unwrap_or_else(|rc| (*rc).clone());
                    Value::obj(Obj::Code(CodeObject::load_owned_in(vm, n, Some(&file))))
                }
                c => const_value(vm, &c),
            })
            .collect::<Vec<_>>();
        let name = vm.intern(&code.name);
        let parts = CodeParts {
            qualname: if code.qualname == code.name {
                name.clone()
            } else {
                vm.intern(&code.qualname)
            },
            name,
            first_line: code.first_line,
            flags: code.flags,
            argcount: code.argcount,
            posonlyargcount: code.posonlyargcount,
            kwonlyargcount: code.kwonlyargcount,
            max_stack: code.max_stack,
            instrs: Table::Heap(code.instrs.into_boxed_slice()),
            lines: Lines::Each(code.lines.into_boxed_slice()),
            consts,
            cell2arg: code.cell2arg.into_boxed_slice(),
        };
        let names = |v: &[String]| v.iter().map(|s| vm.intern(s)).collect::<Vec<_>>();
        CodeObject::build(
            parts,
            file,
            names(&code.names),
            names(&code.varnames),
            (names(&code.cellvars), names(&code.freevars)),
        )
    }
    /// Load a frozen module's code: its instructions and line numbers stay in static data.
    pub fn load_rom(vm: &Vm, code: &'static bytecode::RomCode) -> Rc<CodeObject> {
        CodeObject::load_rom_in(vm, code, None)
    }
    fn load_rom_in(
        vm: &Vm,
        code: &'static bytecode::RomCode,
        parent_file: Option<&Rc<str>>,
    ) -> Rc<CodeObject> {
        let file = shared_filename(code.filename, parent_file);
        let consts = code
            .consts
            .iter()
            .map(|c| rom_const_value(vm, c, &file))
            .collect::<Vec<_>>();
        let name = vm.intern_static(code.name);
        let parts = CodeParts {
            qualname: if code.qualname == code.name {
                name.clone()
            } else {
                vm.intern_static(code.qualname)
            },
            name,
            first_line: code.first_line,
            flags: code.flags,
            argcount: code.argcount,
            posonlyargcount: code.posonlyargcount,
            kwonlyargcount: code.kwonlyargcount,
            max_stack: code.max_stack,
            instrs: Table::Rom(code.instrs),
            lines: Lines::Runs(code.lines),
            consts,
            cell2arg: code.cell2arg.into(),
        };
        let names = |v: &[&'static str]| v.iter().map(|s| vm.intern_static(s)).collect::<Vec<_>>();
        CodeObject::build(
            parts,
            file,
            names(code.names),
            names(code.varnames),
            (names(code.cellvars), names(code.freevars)),
        )
    }
    fn build(
        p: CodeParts,
        filename: Rc<str>,
        names: Vec<Value>,
        varnames: Vec<Value>,
        (cellvars, freevars): (Vec<Value>, Vec<Value>),
    ) -> Rc<CodeObject> {
        let (ncells, nfree) = (cellvars.len(), freevars.len());
        let mut cellnames = cellvars;
        cellnames.extend(freevars);
        Rc::new(CodeObject {
            name: p.name,
            qualname: p.qualname,
            filename,
            first_line: p.first_line,
            flags: p.flags,
            argcount: p.argcount as usize,
            posonlyargcount: p.posonlyargcount as usize,
            kwonlyargcount: p.kwonlyargcount as usize,
            instrs: p.instrs,
            lines: p.lines,
            consts: p.consts.into_boxed_slice(),
            names: names.into_boxed_slice(),
            varnames: varnames.into_boxed_slice(),
            ncells,
            nfree,
            cellnames: cellnames.into_boxed_slice(),
            cell2arg: p.cell2arg,
            max_stack: p.max_stack as usize,
        })
    }
    #[inline]
    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }
    pub fn line_at(&self, ip: usize) -> u32 {
        match &self.lines {
            Lines::Each(l) => l.get(ip).copied(),
            Lines::Runs(r) => run_line(r, ip),
        }
        .unwrap_or(self.first_line)
    }
    /// The code's name as text (`<module>`, a function's name, ...).
    pub fn name_str(&self) -> &str {
        self.name.as_str().map(|s| s.as_str()).unwrap_or("?")
    }
}

/// The line of instruction `ip` in a table of runs `(first instruction, line)`: the last run
/// starting at or before it.
pub fn run_line(runs: &[(u32, u32)], ip: usize) -> Option<u32> {
    let n = runs.partition_point(|&(start, _)| start as usize <= ip);
    n.checked_sub(1).map(|i| runs[i].1)
}

/// A nested code object's filename: its parent's when they are equal (always, for code
/// compiled from one source), so a module's code objects share one string.
fn shared_filename(name: &str, parent: Option<&Rc<str>>) -> Rc<str> {
    match parent {
        Some(p) if &**p == name => p.clone(),
        _ => Rc::from(name),
    }
}

/// Is string constant `s` interned: identifier-like ones (attribute names for getattr, dict
/// keys, qualified names)?
fn interned_const(s: &str) -> bool {
    s.len() <= 60
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'<' | b'>'))
}

fn str_const(vm: &Vm, s: &str) -> Value {
    if interned_const(s) {
        vm.intern(s)
    } else {
        Value::str(s)
    }
}

fn rom_const_value(vm: &Vm, c: &'static bytecode::RomConst, file: &Rc<str>) -> Value {
    use bytecode::RomConst as R;
    match c {
        R::None => Value::None,
        R::True => Value::Bool(true),
        R::False => Value::Bool(false),
        R::Ellipsis => Value::obj(Obj::Ellipsis),
        R::Int(i) => Value::Int(*i),
        R::BigInt(s) => bigint_const(s),
        R::Float(f) => Value::Float(f64::from_bits(*f)),
        R::Complex(r, i) => Value::obj(Obj::Complex(f64::from_bits(*r), f64::from_bits(*i))),
        R::Str(s) if interned_const(s) => vm.intern_static(s),
        R::Str(s) => Value::static_str(s),
        R::Bytes(b) => Value::bytes(b.to_vec()),
        R::Tuple(t) => Value::tuple(t.iter().map(|c| rom_const_value(vm, c, file)).collect()),
        R::Code(c) => Value::obj(Obj::Code(CodeObject::load_rom_in(vm, c, Some(file)))),
    }
}

fn bigint_const(s: &str) -> Value {
    let b = num_bigint::BigInt::parse_bytes(s.as_bytes(), 10).unwrap_or_default();
    Value::bigint(b)
}

fn const_value(vm: &Vm, c: &Const) -> Value {
    match c {
        Const::None => Value::None,
        Const::True => Value::Bool(true),
        Const::False => Value::Bool(false),
        Const::Ellipsis => Value::obj(Obj::Ellipsis),
        Const::Int(i) => Value::Int(*i),
        Const::BigInt(s) => bigint_const(s),
        Const::Float(f) => Value::Float(*f),
        Const::Complex(r, i) => Value::obj(Obj::Complex(*r, *i)),
        Const::Str(s) => str_const(vm, s),
        Const::Bytes(b) => Value::bytes(b.clone()),
        Const::Tuple(t) => Value::tuple(t.iter().map(|c| const_value(vm, c)).collect()),
        Const::Code(c) => Value::obj(Obj::Code(CodeObject::load(vm, c))),
    }
}

#[derive(Clone)]
pub enum Block {
    /// `SetupTry`: handler instruction, value-stack depth (absolute index)
    Try { handler: u32, depth: usize },
    /// an except/finally handler is running; restores the previously handled exception
    Handler { prev: Value },
}

pub struct Frame {
    pub code: Rc<CodeObject>,
    pub ip: usize,
    /// index of local 0 in `Vm::stack`; the callee slot is at `base - 1`
    pub base: usize,
    /// index of the first operand-stack slot
    pub sp0: usize,
    pub cells: Box<[Value]>,
    pub blocks: Vec<Block>,
    pub globals: Value,
    /// the locals mapping for module and class bodies (`Undef` in function frames)
    pub locals: Value,
    /// return to the Rust caller when this frame returns (nested loop boundary)
    pub stop: bool,
    /// the generator this frame belongs to, if any
    pub generator: Option<Value>,
    /// a class instantiation running `__init__` in this loop: the new instance, which the
    /// call returns instead of `__init__`'s None
    pub init_self: Option<Value>,
    /// a generator resumed inline by `ForIter`: where the loop exits when it returns
    pub for_exit: Option<u32>,
}

/// A suspended generator/coroutine: its frame and its saved locals + stack.
pub struct Generator {
    pub frame: Option<Frame>,
    pub saved: Vec<Value>,
    pub running: bool,
    pub finished: bool,
    pub name: Value,
    pub qualname: Value,
    pub is_coroutine: bool,
    /// the delegated-to iterator of an active `yield from` (for throw/close)
    pub yield_from: Option<Value>,
}

/// What a generator step produced.
pub enum GenStep {
    Yield(Value),
    Return(Value),
}

/// The per-thread VM: a thread's frames and stacks plus the shared interpreter state.
pub struct Vm {
    pub shared: Rc<Shared>,
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    /// the exception currently being handled (`sys.exc_info()`, bare `raise`)
    pub cur_exc: Value,
    pub native_depth: u32,
    pub ticks: u32,
    /// depth of nested repr/eq/hash recursion (self-referencing containers)
    pub repr_stack: Vec<Value>,
    /// the program was killed: exception handlers are skipped while unwinding
    pub killed: bool,
    /// nesting of container comparisons and hashes (bounded: RecursionError)
    pub cmp_depth: u32,
    /// `_thread.get_ident()` of this Python thread
    pub ident: u64,
    /// the main thread takes Ctrl-C (`KeyboardInterrupt`); other threads only see kills
    pub is_main: bool,
    /// argument buffer of native calls from the loop (kept to save an allocation per call)
    pub arg_buf: Vec<Value>,
    /// `port.ticks_us()` when this thread last took the GIL: `periodic` hands it over
    /// once the switch interval has passed since
    pub slice_start_us: u64,
    /// green threads: the `native_depth` at which a native runs when the thread's outermost
    /// loop called it directly, so the thread can be suspended there (u32::MAX: never)
    pub suspend_depth: u32,
    /// green threads: set (with the switch signal) when the thread must leave its slice:
    /// what it waits for
    pub switch_req: Option<crate::green::Wait>,
    /// green threads: the deadline of the blocking call being retried after a switch
    pub green_deadline: Option<u64>,
    /// green threads: the next blocking call is the retry of one that switched
    pub green_retry: bool,
    /// green threads: `ticks` at the start of the slice (virtual time accounting)
    pub slice_ticks: u32,
    /// green threads: the function the thread was started with (for the exit report)
    pub green_func: Option<Value>,
    /// green step mode: the slice is one line (`green::line_check` before each instruction)
    pub line_step: bool,
    /// the allocator's emergency-reserve flag (`Port::memory_low_flag`), or one never set
    pub low_flag: &'static AtomicBool,
    /// the reserve in use when this thread had its last `MemoryError` for the heap's
    /// running low (None: not in this episode)
    pub low_mark: Option<usize>,
}

/// The memory-low flag of a port whose allocator has none.
static NEVER_LOW: AtomicBool = AtomicBool::new(false);

macro_rules! pop {
    ($s:expr) => {
        match $s.stack.pop() {
            Some(v) => v,
            None => return Err($s.system_error("value stack underflow")),
        }
    };
}

/// Initial capacity of a thread's value stack and frame stack (they grow as needed). Small
/// on bare-metal boards, where every green thread's reservation comes out of ~300 KB.
const INITIAL_STACK: usize = if cfg!(target_os = "none") { 32 } else { 1024 };
const INITIAL_FRAMES: usize = if cfg!(target_os = "none") { 4 } else { 64 };

impl Vm {
    /// What a new thread's VM takes of the heap at first, about: its stacks (plus, on a
    /// board, the green thread's record).
    pub const NEW_THREAD_BYTES: usize = INITIAL_STACK * core::mem::size_of::<Value>()
        + INITIAL_FRAMES * core::mem::size_of::<Frame>()
        + core::mem::size_of::<Vm>();

    pub fn new(shared: Rc<Shared>) -> Vm {
        let mut vm = Vm {
            shared,
            stack: Vec::with_capacity(INITIAL_STACK),
            frames: Vec::with_capacity(INITIAL_FRAMES),
            cur_exc: Value::None,
            native_depth: 0,
            ticks: CHECK_INTERVAL,
            repr_stack: Vec::new(),
            killed: false,
            cmp_depth: 0,
            ident: 0,
            is_main: true,
            slice_start_us: 0,
            arg_buf: Vec::new(),
            suspend_depth: u32::MAX,
            switch_req: None,
            green_deadline: None,
            green_retry: false,
            slice_ticks: CHECK_INTERVAL,
            green_func: None,
            line_step: false,
            low_flag: &NEVER_LOW,
            low_mark: None,
        };
        vm.low_flag = vm.shared.port.memory_low_flag().unwrap_or(&NEVER_LOW);
        vm.slice_start_us = vm.shared.port.ticks_us();
        vm.ident = vm.shared.next_ident.get();
        vm.shared.next_ident.set(vm.ident + 1);
        vm
    }

    /// The VM of a Python thread whose ident `_thread.start_new_thread` already handed out.
    pub fn new_thread(shared: Rc<Shared>, ident: u64) -> Vm {
        let next = shared.next_ident.get();
        let mut vm = Vm::new(shared);
        vm.shared.next_ident.set(next);
        vm.ident = ident;
        vm
    }

    /// Run `f` with the GIL released (a blocking call: sleep, lock wait, console input).
    /// `f` must not touch Python objects: the closure gets none, by construction of the
    /// callers (they pass only port references and plain data).
    pub fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R {
        match self.shared.threads() {
            Some(t) => {
                t.gil_release();
                let r = f();
                t.gil_acquire();
                self.slice_start_us = self.shared.port.ticks_us();
                r
            }
            None => f(),
        }
    }

    /// Send a scheduling event to the port's sink, when tracing is on (one `bool` test
    /// otherwise).
    #[inline]
    pub fn emit(&self, kind: crate::trace::EventKind) {
        if self.shared.tracing {
            self.emit_now(kind);
        }
    }

    #[cold]
    fn emit_now(&self, kind: crate::trace::EventKind) {
        let port = self.shared.port;
        let t_us = match &self.shared.green {
            Some(g) => g.trace_us(port, self.shared.start_us),
            None => port.ticks_us().saturating_sub(self.shared.start_us),
        };
        port.trace(&crate::trace::Event {
            t_us,
            thread: self.ident,
            line: self.user_position().1,
            kind,
        });
    }

    /// Note that this thread holds the GIL (after a wait or a hand-off): a `Run` event when
    /// another thread held it last.
    #[inline]
    pub fn took_gil(&self) {
        if self.shared.tracing {
            let prev = self.shared.gil_holder.replace(self.ident);
            if prev != self.ident {
                self.emit_now(crate::trace::EventKind::Run { prev });
            }
        }
    }

    /// Interrupt and kill checks for a thread that is waiting (lock, sleep, join).
    pub fn check_signals(&mut self) -> PyResult<()> {
        if self.shared.deadlock.get() {
            self.killed = true;
            return Err(self.runtime_error("deadlock"));
        }
        if self.killed || self.shared.port.kill_requested() {
            self.killed = true;
            return Err(self.new_exc(TypeId::KeyboardInterrupt, ""));
        }
        let green_interrupt = match &self.shared.green {
            Some(g) if self.is_main => g.interrupt.replace(false),
            _ => false,
        };
        if self.is_main && (green_interrupt || self.shared.port.take_interrupt()) {
            return Err(self.new_exc(TypeId::KeyboardInterrupt, ""));
        }
        Ok(())
    }

    /// The interned str value for static text `s`: when it is new, its object keeps the
    /// text where it is instead of copying it to the heap (the frozen modules' names).
    pub fn intern_static(&self, s: &'static str) -> Value {
        if let Some(v) = self.shared.interned.borrow().get(s) {
            return v;
        }
        let v = Value::static_str(s);
        self.shared.interned.borrow_mut().insert(&v);
        v
    }

    /// The interned str value equal to str `v`: `v` itself when the text is new.
    pub fn intern_value(&self, v: &Value) -> Value {
        let Some(s) = v.as_str() else {
            return v.clone();
        };
        if let Some(i) = self.shared.interned.borrow().get(&s.s) {
            return i;
        }
        self.shared.interned.borrow_mut().insert(v);
        v.clone()
    }

    /// The interned str value for `s` (one shared Rc per distinct name).
    pub fn intern(&self, s: &str) -> Value {
        if let Some(v) = self.shared.interned.borrow().get(s) {
            return v;
        }
        let v = Value::str(s);
        self.shared.interned.borrow_mut().insert(&v);
        v
    }

    // ------------------------------------------------------------------ errors

    pub fn new_exc(&mut self, typ: TypeId, msg: &str) -> PyErr {
        let cls = self.shared.types.get(typ);
        let args = if msg.is_empty() {
            Vec::new()
        } else {
            vec![Value::str(msg)]
        };
        PyErr(crate::types::make_exception(cls, Value::tuple(args)))
    }
    pub fn type_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(TypeId::TypeError, msg.as_ref())
    }
    pub fn value_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(TypeId::ValueError, msg.as_ref())
    }
    pub fn index_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(TypeId::IndexError, msg.as_ref())
    }
    pub fn key_error(&mut self, key: Value) -> PyErr {
        let cls = self.shared.types.get(TypeId::KeyError);
        PyErr(crate::types::make_exception(cls, Value::tuple(vec![key])))
    }
    pub fn attr_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(TypeId::AttributeError, msg.as_ref())
    }
    pub fn name_error(&mut self, name: &Value) -> PyErr {
        let n = name.as_str().map(|s| s.as_str()).unwrap_or("?");
        self.new_exc(TypeId::NameError, &format!("name '{}' isn't defined", n))
    }
    pub fn zero_div(&mut self) -> PyErr {
        self.new_exc(
            TypeId::ZeroDivisionError,
            "integer division or modulo by zero",
        )
    }
    pub fn overflow_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(TypeId::OverflowError, msg.as_ref())
    }
    pub fn memory_error(&mut self) -> PyErr {
        self.new_exc(TypeId::MemoryError, "memory allocation failed")
    }
    pub fn system_error(&mut self, msg: &str) -> PyErr {
        self.new_exc(TypeId::SystemError, msg)
    }
    pub fn runtime_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(TypeId::RuntimeError, msg.as_ref())
    }
    pub fn recursion_error(&mut self) -> PyErr {
        self.new_exc(TypeId::RecursionError, "maximum recursion depth exceeded")
    }
    pub fn stop_iteration(&mut self, value: Value) -> PyErr {
        let cls = self.shared.types.get(TypeId::StopIteration);
        let args = if value.is_none() {
            Vec::new()
        } else {
            vec![value]
        };
        PyErr(crate::types::make_exception(cls, Value::tuple(args)))
    }

    /// Does exception instance `exc` belong to builtin exception class `typ`?
    pub fn exc_matches(&self, exc: &Value, typ: TypeId) -> bool {
        let cls = self.shared.types.get(typ);
        let ec = crate::types::type_of_shared(&self.shared, exc);
        crate::types::is_subclass(&ec, &cls)
    }

    /// Before pushing onto a vector of values at `len` of `cap`: when the push would move a
    /// big vector to a new block (twice the size), check that block first. On a board a
    /// failed allocation stops the firmware, so this turns it into `MemoryError`.
    #[inline]
    pub fn check_grow(&mut self, len: usize, cap: usize) -> PyResult<()> {
        if len == cap && cap >= 128 {
            return self.check_alloc(cap * 2 * core::mem::size_of::<Value>());
        }
        Ok(())
    }

    /// `check_grow` for a vector of bytes (bytearray, array): at `len` of `cap`, a push
    /// that moves a big one to a new block (twice the size) checks that block first.
    #[inline]
    pub fn check_grow_bytes(&mut self, len: usize, cap: usize, more: usize) -> PyResult<()> {
        if len + more > cap && cap >= 1024 {
            return self.check_alloc((cap * 2).max(len + more));
        }
        Ok(())
    }

    /// Check the heap limit before an allocation of one block of about `bytes` bytes (and
    /// that the heap has such a block: see `Port::heap_has_room`).
    /// A copy of `items`, asked of the heap without aborting: a copy of a big list is tens of
    /// KB, which a board's fragmented 300 KB heap may not have in one block.
    pub fn clone_values(&mut self, items: &[Value]) -> PyResult<Vec<Value>> {
        let mut v = Vec::new();
        if v.try_reserve_exact(items.len()).is_err() {
            return Err(self.memory_error());
        }
        v.extend_from_slice(items);
        Ok(v)
    }
    /// A copy of a dict or set table, asked of the heap without aborting (see `clone_values`).
    pub fn clone_dict(&mut self, d: &crate::dict::Dict) -> PyResult<crate::dict::Dict> {
        d.try_clone().ok_or_else(|| self.memory_error())
    }
    /// `check_memory_now` at a point the program did not ask for an allocation at (a loop
    /// tick, a new instance, a `def`): not while a frozen module's function runs (`threading`'s
    /// locks and conditions), whose invariants an exception between two of its lines would
    /// break (a `finally:` that re-acquires a lock, interrupted before it does). Its caller
    /// gets the `MemoryError` when it runs again. (A frozen module's body and class bodies
    /// do get it: their imports fail.)
    #[cold]
    #[inline(never)]
    pub fn check_memory_low(&mut self) -> PyResult<()> {
        let frozen_function = self
            .frames
            .last()
            .is_some_and(|f| f.code.is_frozen() && matches!(f.locals, Value::Undef));
        if frozen_function {
            return Ok(());
        }
        self.memory_low_error()
    }

    /// The heap is out and the allocator serves from its emergency reserve (`low_flag` is
    /// set): `MemoryError` in this thread, unless the heap has recovered meanwhile or this
    /// thread already had one and has used less than `QUIET_BYTES` more of the reserve
    /// since (so an `except MemoryError:` handler gets to run and free memory, but a thread
    /// that goes on allocating gets another before the reserve is gone). For natives that
    /// allocate much (compile, a module load, a thread start, a sort, iterating).
    pub fn check_memory_now(&mut self) -> PyResult<()> {
        if self.low_flag.load(Relaxed) {
            return self.memory_low_error();
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn memory_low_error(&mut self) -> PyResult<()> {
        let Some(used) = self.shared.port.memory_low() else {
            self.low_mark = None;
            return Ok(());
        };
        if let Some(mark) = self.low_mark {
            if used < mark.saturating_add(QUIET_BYTES) {
                self.low_mark = Some(mark.min(used));
                return Ok(());
            }
        }
        self.low_mark = Some(used);
        Err(self.frame_memory_error())
    }

    /// `check_memory_low` when the allocator's flag is set (one load otherwise): at loop
    /// ticks, new instances and `def`s.
    #[inline(always)]
    pub fn check_memory(&mut self) -> PyResult<()> {
        if self.low_flag.load(Relaxed) {
            return self.check_memory_low();
        }
        Ok(())
    }

    pub fn check_alloc(&mut self, bytes: usize) -> PyResult<()> {
        self.check_heap_total(bytes)?;
        if bytes >= 1024 && !self.shared.port.heap_has_room(bytes) {
            return Err(self.memory_error());
        }
        Ok(())
    }

    /// Check the heap limit before work that allocates about `bytes` more bytes in all, in
    /// many blocks (compiling a source, loading a frozen module).
    /// The error for running out of heap (a call whose frame does not fit, or the allocator
    /// serving from its emergency reserve). When this thread's own stacks already hold an
    /// eighth of the heap limit, the recursion is what is too deep for this machine (a board:
    /// about 250-340 frames in 300 KB) and it is a `RecursionError`, as the recursion limit
    /// gives natively (and MicroPython when its fixed stack runs out); otherwise the heap is
    /// full of other things: `MemoryError`.
    fn frame_memory_error(&mut self) -> PyErr {
        let stacks = self.stack.capacity() * core::mem::size_of::<Value>()
            + self.frames.capacity() * core::mem::size_of::<Frame>();
        if stacks.saturating_mul(8) >= self.shared.config.heap_limit {
            self.recursion_error()
        } else {
            self.memory_error()
        }
    }
    pub fn check_heap_total(&mut self, bytes: usize) -> PyResult<()> {
        let limit = self.shared.config.heap_limit;
        if bytes > limit {
            return Err(self.memory_error());
        }
        if let Some(used) = self.shared.port.heap_used() {
            if used.saturating_add(bytes) > limit {
                return Err(self.memory_error());
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------------ frames

    /// Push a frame for `func` called with the arguments already bound in `locals`.
    fn push_frame(
        &mut self,
        code: Rc<CodeObject>,
        globals: Value,
        locals_map: Value,
        closure: &[Value],
        stop: bool,
    ) -> PyResult<()> {
        if self.frames.len() >= self.shared.recursion_limit.get() {
            return Err(self.recursion_error());
        }
        // room for the frame's operand stack, asked for without aborting: growing the
        // value stack is the biggest allocation deep recursion makes, and on a board with
        // 300 KB it must be a MemoryError, not the end of the firmware
        let need = code.max_stack + 8;
        let stack_full = self.stack.capacity() - self.stack.len() < need
            && (self.stack.try_reserve(need).is_err()
                // doubling did not fit: maybe just what this frame needs does
                && self.stack.try_reserve_exact(need).is_err());
        if stack_full
            || self.frames.len() == self.frames.capacity() && self.frames.try_reserve(1).is_err()
        {
            return Err(self.frame_memory_error());
        }
        let base = self.stack.len() - code.nlocals();
        let mut cells = Vec::with_capacity(code.ncells + code.nfree);
        for _ in 0..code.ncells {
            cells.push(Value::obj(Obj::Cell(RefCell::new(Value::Undef))));
        }
        cells.extend(closure.iter().cloned());
        for &(ci, ai) in code.cell2arg.iter() {
            let v = core::mem::replace(&mut self.stack[base + ai as usize], Value::Undef);
            if let Some(Value::Obj(c)) = cells.get(ci as usize) {
                if let Obj::Cell(c) = &**c {
                    *c.borrow_mut() = v;
                }
            }
        }
        let sp0 = self.stack.len();
        self.frames.push(Frame {
            code,
            ip: 0,
            base,
            sp0,
            cells: cells.into_boxed_slice(),
            blocks: Vec::new(),
            globals,
            locals: locals_map,
            stop,
            generator: None,
            init_self: None,
            for_exit: None,
        });
        Ok(())
    }

    /// Run a module-level or class-body code object with `locals` as its namespace.
    pub fn run_code(
        &mut self,
        code: Rc<CodeObject>,
        globals: Value,
        locals: Value,
    ) -> PyResult<Value> {
        self.run_code_with_closure(code, globals, locals, &[])
    }

    pub fn run_code_with_closure(
        &mut self,
        code: Rc<CodeObject>,
        globals: Value,
        locals: Value,
        closure: &[Value],
    ) -> PyResult<Value> {
        self.enter_native()?;
        self.stack.push(Value::None); // callee slot
        for _ in 0..code.nlocals() {
            self.stack.push(Value::Undef);
        }
        let r = match self.push_frame(code, globals, locals, closure, true) {
            Ok(()) => self.run_loop(),
            Err(e) => {
                let n = self.stack.len() - 1;
                let _ = n;
                self.stack.truncate(self.stack.len().saturating_sub(1));
                Err(e)
            }
        };
        self.native_depth -= 1;
        r
    }

    #[inline]
    fn enter_native(&mut self) -> PyResult<()> {
        if self.native_depth >= MAX_NATIVE_DEPTH {
            return Err(self.recursion_error());
        }
        self.native_depth += 1;
        Ok(())
    }

    // ------------------------------------------------------------------ calling

    /// Call any callable with positional args (nested loop for Python functions).
    pub fn call(&mut self, func: &Value, args: &[Value]) -> PyResult<Value> {
        self.call_kw(func, args, &[])
    }

    pub fn call_kw(
        &mut self,
        func: &Value,
        args: &[Value],
        kw: &[(Value, Value)],
    ) -> PyResult<Value> {
        if let Value::Obj(o) = func {
            match &**o {
                Obj::Function(_) => {
                    self.enter_native()?;
                    let depth = self.frames.len();
                    self.stack.push(func.clone());
                    let r = match self.setup_call(func.clone(), args, kw, true) {
                        Ok(Some(v)) => Ok(v),
                        Ok(None) => self.run_loop(),
                        Err(e) => Err(e),
                    };
                    debug_assert!(self.frames.len() == depth);
                    self.native_depth -= 1;
                    return r;
                }
                Obj::Method(f, s) => {
                    let mut a = Vec::with_capacity(args.len() + 1);
                    a.push(s.clone());
                    a.extend_from_slice(args);
                    let f = f.clone();
                    return self.call_kw(&f, &a, kw);
                }
                Obj::Builtin(b) => {
                    let f = b.func;
                    if let Some(s) = &b.self_ {
                        let mut a = Vec::with_capacity(args.len() + 1);
                        a.push(s.clone());
                        a.extend_from_slice(args);
                        self.enter_native()?;
                        let r = f(self, Args { pos: &a, kw });
                        self.native_depth -= 1;
                        return r;
                    }
                    self.enter_native()?;
                    let r = f(self, Args { pos: args, kw });
                    self.native_depth -= 1;
                    return r;
                }
                Obj::Class(_) => return crate::types::call_class(self, func, args, kw),
                _ => {}
            }
        }
        // __call__
        match self.lookup_special(func, "__call__") {
            Some(m) => {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(func.clone());
                a.extend_from_slice(args);
                self.call_kw(&m, &a, kw)
            }
            None => {
                let t = self.type_name(func);
                Err(self.type_error(format!("'{}' object isn't callable", t)))
            }
        }
    }

    /// Bind `args`/`kw` for a Python function and push its frame (the callee slot is
    /// already pushed). Returns `Some(value)` when the call completed without a frame
    /// (generators: the generator object).
    fn setup_call(
        &mut self,
        func: Value,
        args: &[Value],
        kw: &[(Value, Value)],
        stop: bool,
    ) -> PyResult<Option<Value>> {
        let f = match &func {
            Value::Obj(o) => match &**o {
                Obj::Function(f) => f,
                _ => unreachable_fn(),
            },
            _ => unreachable_fn(),
        };
        let code = f.code.clone();
        let start = self.stack.len();
        if let Err(e) = self.bind_args(f, &code, args, kw) {
            self.stack.truncate(start - 1);
            return Err(e);
        }
        if code.flags & (flags::GENERATOR | flags::COROUTINE) != 0 {
            let g = self.make_generator(f, code, start);
            self.stack.truncate(start - 1);
            return Ok(Some(g));
        }
        let globals = f.globals.clone();
        let closure: Vec<Value> = f.closure.to_vec();
        if let Err(e) = self.push_frame(code, globals, Value::Undef, &closure, stop) {
            self.stack.truncate(start - 1);
            return Err(e);
        }
        Ok(None)
    }

    /// Push the callee's locals (bound parameters, then unbound slots) onto the stack.
    fn bind_args(
        &mut self,
        f: &Function,
        code: &CodeObject,
        args: &[Value],
        kw: &[(Value, Value)],
    ) -> PyResult<()> {
        let nparams = code.argcount;
        let nkwonly = code.kwonlyargcount;
        let has_var = code.flags & flags::VARARGS != 0;
        let has_kw = code.flags & flags::VARKEYWORDS != 0;
        let nlocals = code.nlocals();
        let base = self.stack.len();
        // fast path: exact positional call
        if kw.is_empty() && args.len() == nparams && nkwonly == 0 && !has_var && !has_kw {
            self.stack.extend_from_slice(args);
            for _ in nparams..nlocals {
                self.stack.push(Value::Undef);
            }
            return Ok(());
        }
        for _ in 0..nlocals {
            self.stack.push(Value::Undef);
        }
        let npos = args.len().min(nparams);
        for (i, a) in args[..npos].iter().enumerate() {
            self.stack[base + i] = a.clone();
        }
        let mut slot = nparams + nkwonly;
        if has_var {
            let extra: Vec<Value> = if args.len() > nparams {
                args[nparams..].to_vec()
            } else {
                Vec::new()
            };
            self.stack[base + slot] = Value::tuple(extra);
            slot += 1;
        } else if args.len() > nparams {
            let name = f.qualname.borrow().clone();
            return Err(self.type_error(format!(
                "{}() takes {} positional arguments but {} were given",
                self.str_of(&name),
                nparams,
                args.len()
            )));
        }
        let mut kwdict = if has_kw { Some(Dict::new()) } else { None };
        for (k, v) in kw {
            let ks = match k.as_str() {
                Some(s) => s,
                None => return Err(self.type_error("keywords must be strings")),
            };
            let mut found = None;
            for i in code.posonlyargcount..nparams + nkwonly {
                if code.varnames[i]
                    .as_str()
                    .map(|s| s.s == ks.s)
                    .unwrap_or(false)
                {
                    found = Some(i);
                    break;
                }
            }
            match found {
                Some(i) => {
                    if !matches!(self.stack[base + i], Value::Undef) {
                        let fname = f.qualname.borrow().clone();
                        return Err(self.type_error(format!(
                            "{}() got multiple values for argument '{}'",
                            self.str_of(&fname),
                            ks.as_str()
                        )));
                    }
                    self.stack[base + i] = v.clone();
                }
                None => match &mut kwdict {
                    Some(d) => {
                        d.set_strval(k.clone(), v.clone());
                    }
                    None => {
                        let fname = f.qualname.borrow().clone();
                        return Err(self.type_error(format!(
                            "{}() got an unexpected keyword argument '{}'",
                            self.str_of(&fname),
                            ks.as_str()
                        )));
                    }
                },
            }
        }
        if let Some(d) = kwdict {
            self.stack[base + slot] = Value::dict(d);
        }
        // defaults for missing positionals
        let ndef = f.defaults.len();
        for i in 0..nparams {
            if matches!(self.stack[base + i], Value::Undef) {
                if i + ndef >= nparams {
                    self.stack[base + i] = f.defaults[i + ndef - nparams].clone();
                } else {
                    let fname = f.qualname.borrow().clone();
                    let missing = code.varnames[i].clone();
                    return Err(self.type_error(format!(
                        "{}() missing required positional argument: '{}'",
                        self.str_of(&fname),
                        self.str_of(&missing)
                    )));
                }
            }
        }
        for i in nparams..nparams + nkwonly {
            if matches!(self.stack[base + i], Value::Undef) {
                let name = &code.varnames[i];
                let d = f.kwdefaults.iter().find(|(k, _)| {
                    k.as_str()
                        .map(|s| s.s == name.as_str().unwrap().s)
                        .unwrap_or(false)
                });
                match d {
                    Some((_, v)) => self.stack[base + i] = v.clone(),
                    None => {
                        let fname = f.qualname.borrow().clone();
                        let n = name.clone();
                        return Err(self.type_error(format!(
                            "{}() missing required keyword-only argument: '{}'",
                            self.str_of(&fname),
                            self.str_of(&n)
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    fn make_generator(&mut self, f: &Function, code: Rc<CodeObject>, start: usize) -> Value {
        let saved: Vec<Value> = self.stack[start..].to_vec();
        let mut cells = Vec::with_capacity(code.ncells + code.nfree);
        for _ in 0..code.ncells {
            cells.push(Value::obj(Obj::Cell(RefCell::new(Value::Undef))));
        }
        cells.extend(f.closure.iter().cloned());
        let mut saved = saved;
        for &(ci, ai) in code.cell2arg.iter() {
            let v = core::mem::replace(&mut saved[ai as usize], Value::Undef);
            if let Some(Value::Obj(c)) = cells.get(ci as usize) {
                if let Obj::Cell(c) = &**c {
                    *c.borrow_mut() = v;
                }
            }
        }
        let is_coroutine = code.flags & flags::COROUTINE != 0 && code.flags & flags::GENERATOR == 0;
        let frame = Frame {
            code: code.clone(),
            ip: 0,
            base: 0,
            sp0: code.nlocals(),
            cells: cells.into_boxed_slice(),
            blocks: Vec::new(),
            globals: f.globals.clone(),
            locals: Value::Undef,
            stop: true,
            generator: None,
            init_self: None,
            for_exit: None,
        };
        Value::obj(Obj::Generator(Box::new(RefCell::new(Generator {
            frame: Some(frame),
            saved,
            running: false,
            finished: false,
            name: f.name.borrow().clone(),
            qualname: f.qualname.borrow().clone(),
            is_coroutine,
            yield_from: None,
        }))))
    }

    /// Resume a generator: `send(value)` (value None for `next`), or throw `exc` into it.
    pub fn gen_resume(
        &mut self,
        gen: &Value,
        value: Value,
        throw: Option<PyErr>,
    ) -> PyResult<GenStep> {
        let cell = match gen {
            Value::Obj(o) => match &**o {
                Obj::Generator(g) => g,
                _ => return Err(self.type_error("not a generator")),
            },
            _ => return Err(self.type_error("not a generator")),
        };
        let (frame, saved) = {
            let mut g = cell.borrow_mut();
            if g.running {
                drop(g);
                return Err(self.value_error("generator already executing"));
            }
            if g.finished || g.frame.is_none() {
                drop(g);
                if let Some(e) = throw {
                    return Err(e);
                }
                return Ok(GenStep::Return(Value::None));
            }
            let frame = g.frame.take();
            let saved = core::mem::take(&mut g.saved);
            g.running = true;
            (frame, saved)
        };
        let mut frame = match frame {
            Some(f) => f,
            None => return Err(self.system_error("generator without frame")),
        };
        if frame.ip == 0 && throw.is_none() && !value.is_none() {
            cell.borrow_mut().running = false;
            cell.borrow_mut().frame = Some(frame);
            cell.borrow_mut().saved = saved;
            return Err(self.type_error("can't send non-None value to a just-started generator"));
        }
        if let Err(e) = self.enter_native() {
            let mut g = cell.borrow_mut();
            g.running = false;
            g.frame = Some(frame);
            g.saved = saved;
            return Err(e);
        }
        if self.frames.len() >= self.shared.recursion_limit.get() {
            self.native_depth -= 1;
            let mut g = cell.borrow_mut();
            g.running = false;
            g.frame = Some(frame);
            g.saved = saved;
            drop(g);
            return Err(self.recursion_error());
        }
        // relocate the frame onto this thread's stack
        self.stack.push(Value::None); // callee slot
        let base = self.stack.len();
        let nlocals = frame.code.nlocals();
        let stack_len = saved.len();
        self.stack.extend(saved);
        frame.base = base;
        frame.sp0 = base + nlocals;
        for b in frame.blocks.iter_mut() {
            if let Block::Try { depth, .. } = b {
                *depth += base;
            }
        }
        frame.stop = true;
        frame.generator = Some(gen.clone());
        let started = frame.ip > 0;
        self.frames.push(frame);
        let _ = stack_len;
        let r = match throw {
            Some(e) => {
                // throw into the frame at its current instruction
                match self.handle_exception(e) {
                    Ok(()) => self.run_loop_gen(),
                    Err(e) => Err(e),
                }
            }
            None => {
                if started {
                    self.stack.push(value);
                }
                self.run_loop_gen()
            }
        };
        self.native_depth -= 1;
        r
    }

    /// Run a generator frame until it yields or returns; saves its state on yield.
    fn run_loop_gen(&mut self) -> PyResult<GenStep> {
        match self.run_loop_inner() {
            Ok(Exit::Return(v)) => Ok(GenStep::Return(v)),
            Ok(Exit::Yield(v)) => Ok(GenStep::Yield(v)),
            Ok(Exit::Switch) => Err(self.system_error("thread switch in a generator")),
            Err(e) => {
                // PEP 479: a StopIteration escaping a generator's frame is a RuntimeError
                if self.exc_matches(&e.0, TypeId::StopIteration) {
                    let r = self.runtime_error("generator raised StopIteration");
                    if let Value::Obj(o) = &r.0 {
                        if let Obj::Instance(inst) = &**o {
                            if let Payload::Exc(d) = &mut *inst.payload.borrow_mut() {
                                d.cause = Some(e.0.clone());
                            }
                        }
                    }
                    return Err(r);
                }
                Err(e)
            }
        }
    }

    pub fn run_loop(&mut self) -> PyResult<Value> {
        match self.run_loop_inner()? {
            Exit::Return(v) => Ok(v),
            Exit::Yield(_) => Err(self.system_error("yield outside generator")),
            Exit::Switch => Err(self.system_error("thread switch in a nested loop")),
        }
    }

    /// `ForIter` over a suspended generator: push its frame onto this loop instead of
    /// running a nested loop. Returns false when the generator can't be resumed that way.
    fn try_resume_inline(&mut self, it: &Value, exit: u32) -> PyResult<bool> {
        let cell = match it {
            Value::Obj(o) => match &**o {
                Obj::Generator(g) => g,
                _ => return Ok(false),
            },
            _ => return Ok(false),
        };
        let (mut frame, saved) = {
            let mut g = cell.borrow_mut();
            if g.running || g.finished || g.frame.is_none() || g.is_coroutine {
                return Ok(false);
            }
            if self.frames.len() >= self.shared.recursion_limit.get() {
                return Ok(false);
            }
            let f = match g.frame.take() {
                Some(f) => f,
                None => return Ok(false),
            };
            g.running = true;
            (f, core::mem::take(&mut g.saved))
        };
        self.stack.push(Value::None); // callee slot
        let base = self.stack.len();
        self.stack.extend(saved);
        frame.base = base;
        frame.sp0 = base + frame.code.nlocals();
        for b in frame.blocks.iter_mut() {
            if let Block::Try { depth, .. } = b {
                *depth += base;
            }
        }
        frame.stop = false;
        frame.for_exit = Some(exit);
        frame.generator = Some(it.clone());
        let started = frame.ip > 0;
        self.frames.push(frame);
        if started {
            self.stack.push(Value::None);
        }
        Ok(true)
    }

    /// Called when a generator frame is finished (returned or raised): mark it.
    fn finish_generator(&mut self, gen: &Value) {
        if let Value::Obj(o) = gen {
            if let Obj::Generator(g) = &**o {
                let mut g = g.borrow_mut();
                g.running = false;
                g.finished = true;
                g.frame = None;
                g.saved.clear();
                g.yield_from = None;
            }
        }
    }

    /// Save the top frame (a generator's) back into its generator on yield.
    fn suspend_generator(&mut self) -> PyResult<()> {
        let mut frame = match self.frames.pop() {
            Some(f) => f,
            None => return Err(self.system_error("no frame")),
        };
        let gen = frame.generator.take();
        frame.for_exit = None;
        let base = frame.base;
        let saved: Vec<Value> = self.stack.drain(base..).collect();
        self.stack.pop(); // callee slot
        for b in frame.blocks.iter_mut() {
            if let Block::Try { depth, .. } = b {
                *depth -= base;
            }
        }
        // yield-from delegate is the value below the top at a YieldFrom instruction
        if let Some(Value::Obj(o)) = &gen {
            if let Obj::Generator(g) = &**o {
                let mut g = g.borrow_mut();
                let at_yf = matches!(frame.code.instrs.get(frame.ip), Some(Instr::YieldFrom));
                g.yield_from = if at_yf { saved.last().cloned() } else { None };
                g.frame = Some(frame);
                g.saved = saved;
                g.running = false;
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------------ exceptions

    /// Record the current frame position in the exception's traceback.
    fn add_traceback(&mut self, exc: &Value) {
        if let Some(f) = self.frames.last() {
            let line = f.code.line_at(f.ip.saturating_sub(1));
            let entry = TbEntry {
                filename: f.code.filename.clone(),
                line,
                name: f.code.name.clone(),
            };
            if let Value::Obj(o) = exc {
                if let Obj::Instance(inst) = &**o {
                    if let Payload::Exc(d) = &mut *inst.payload.borrow_mut() {
                        d.traceback.push(entry);
                    }
                }
            }
        }
    }

    /// Unwind to the nearest handler in the current frame or its callers (down to the
    /// nearest nested-loop boundary). Ok(()) means a handler was found and the loop goes on.
    fn handle_exception(&mut self, err: PyErr) -> PyResult<()> {
        let mut exc = err.0;
        loop {
            self.add_traceback(&exc);
            let frame = match self.frames.last_mut() {
                Some(f) => f,
                None => return Err(PyErr(exc)),
            };
            while let Some(b) = frame.blocks.pop() {
                match b {
                    Block::Try { .. } if self.killed => {}
                    Block::Try { handler, depth } => {
                        self.stack.truncate(depth);
                        let prev = core::mem::replace(&mut self.cur_exc, exc.clone());
                        let frame = self.frames.last_mut().unwrap();
                        frame.blocks.push(Block::Handler { prev });
                        frame.ip = handler as usize;
                        self.stack.push(exc);
                        return Ok(());
                    }
                    Block::Handler { prev } => {
                        self.cur_exc = prev;
                    }
                }
            }
            // no handler in this frame: pop it
            let frame = self.frames.pop().unwrap();
            self.stack.truncate(frame.base.saturating_sub(1));
            if let Some(g) = &frame.generator {
                let g = g.clone();
                self.finish_generator(&g);
                // PEP 479: a StopIteration escaping a generator is a RuntimeError
                if self.exc_matches(&exc, TypeId::StopIteration) {
                    let r = self.runtime_error("generator raised StopIteration");
                    if let Value::Obj(o) = &r.0 {
                        if let Obj::Instance(inst) = &**o {
                            if let Payload::Exc(d) = &mut *inst.payload.borrow_mut() {
                                d.cause = Some(exc.clone());
                            }
                        }
                    }
                    exc = r.0;
                }
            }
            if frame.stop {
                return Err(PyErr(exc));
            }
        }
    }

    // ------------------------------------------------------------------ the loop

    fn run_loop_inner(&mut self) -> PyResult<Exit> {
        loop {
            match self.execute() {
                Ok(exit) => return Ok(exit),
                Err(e) => {
                    if self.switch_req.take().is_some() {
                        // a blocking native asked to switch where the loop can't rewind
                        self.green_deadline = None;
                        self.green_retry = false;
                        let e = self.system_error("thread switch outside a call instruction");
                        self.handle_exception(e)?;
                        continue;
                    }
                    let e = self.normalize_err(e);
                    self.handle_exception(e)?;
                }
            }
        }
    }

    /// Attach `__context__` to a newly raised exception.
    fn normalize_err(&mut self, e: PyErr) -> PyErr {
        if !self.cur_exc.is_none() && !self.cur_exc.is(&e.0) {
            if let Value::Obj(o) = &e.0 {
                if let Obj::Instance(inst) = &**o {
                    if let Payload::Exc(d) = &mut *inst.payload.borrow_mut() {
                        if d.context.is_none() && d.traceback.is_empty() {
                            d.context = Some(self.cur_exc.clone());
                        }
                    }
                }
            }
        }
        e
    }

    /// Execute instructions until the boundary frame returns (or a generator frame yields).
    #[allow(unused_assignments)] // `reload!` before a `return` in a few arms
    fn execute(&mut self) -> PyResult<Exit> {
        let mut fi = self.frames.len() - 1;
        let mut code = self.frames[fi].code.clone();
        let mut ip = self.frames[fi].ip;
        macro_rules! sync {
            () => {
                self.frames[fi].ip = ip;
            };
        }
        macro_rules! reload {
            () => {
                fi = self.frames.len() - 1;
                code = self.frames[fi].code.clone();
                ip = self.frames[fi].ip;
            };
        }
        // every fallible operation stores ip first so tracebacks and handlers see it
        macro_rules! tryv {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(err) => {
                        sync!();
                        return Err(err);
                    }
                }
            };
        }
        // a loop iteration, or a store to shared state (global, cell, attribute, item),
        // counts as a tick and may end the slice just before the instruction runs (it runs
        // when the thread is resumed): green threads interleave where races happen
        macro_rules! preempt {
            () => {
                self.ticks = self.ticks.wrapping_sub(1);
                if self.ticks == 0 {
                    sync!();
                    if self.periodic_switch(true)? {
                        self.frames[fi].ip = ip - 1;
                        return Ok(Exit::Switch);
                    }
                } else if MEMORY_TICKS && self.low_flag.load(Relaxed) {
                    sync!();
                    self.check_memory_low()?;
                }
            };
        }
        // a call returned an error: the switch signal of a blocking native (rewind the
        // call instruction, see green.rs) or a Python exception
        macro_rules! call_err {
            ($e:expr) => {{
                if self.switch_req.is_some() {
                    return Ok(self.rewind_call(fi, ip - 1));
                }
                return Err($e);
            }};
        }
        // CallKw / CallEx: on the switch signal the call goes back on the stack as the
        // instruction expects it (`ex`: None for CallKw, Some(has **kwargs) for CallEx)
        macro_rules! call_general {
            ($func:expr, $pos:expr, $kw:expr, $ex:expr) => {
                match self.call_general($func.clone(), &$pos, &$kw) {
                    Ok(true) => {
                        reload!();
                    }
                    Ok(false) => {}
                    Err(e) => {
                        if self.switch_req.is_some() {
                            self.put_back_call($func, $pos, $kw, $ex);
                        }
                        call_err!(e)
                    }
                }
            };
        }
        loop {
            // green step mode: a one-line slice ends before the first instruction of another
            // line (one test of a bool otherwise)
            if self.line_step {
                sync!();
                if crate::green::line_check(self, &code, ip)? {
                    return Ok(Exit::Switch);
                }
            }
            let instr = code.instrs[ip];
            ip += 1;
            match instr {
                Instr::Nop => {}
                Instr::Pop => {
                    self.stack.pop();
                }
                Instr::Dup => {
                    let v = self.stack.last().cloned().unwrap_or(Value::None);
                    self.stack.push(v);
                }
                Instr::Dup2 => {
                    let n = self.stack.len();
                    let a = self.stack[n - 2].clone();
                    let b = self.stack[n - 1].clone();
                    self.stack.push(a);
                    self.stack.push(b);
                }
                Instr::Rot2 => {
                    let n = self.stack.len();
                    self.stack.swap(n - 1, n - 2);
                }
                Instr::Rot3 => {
                    let v = pop!(self);
                    let n = self.stack.len();
                    self.stack.insert(n - 2, v);
                }
                Instr::Rot4 => {
                    let v = pop!(self);
                    let n = self.stack.len();
                    self.stack.insert(n - 3, v);
                }
                Instr::LoadConst(i) => self.stack.push(code.consts[i as usize].clone()),
                Instr::LoadFast(i) => {
                    let v = &self.stack[self.frames[fi].base + i as usize];
                    if let Value::Undef = v {
                        sync!();
                        let name = code.varnames[i as usize].clone();
                        let n = self.str_of(&name);
                        return Err(self.new_exc(
                            TypeId::UnboundLocalError,
                            &format!("local variable '{}' referenced before assignment", n),
                        ));
                    }
                    let v = v.clone();
                    self.stack.push(v);
                }
                Instr::StoreFast(i) => {
                    let v = pop!(self);
                    let b = self.frames[fi].base;
                    self.stack[b + i as usize] = v;
                }
                Instr::DeleteFast(i) => {
                    let b = self.frames[fi].base;
                    if let Value::Undef = self.stack[b + i as usize] {
                        sync!();
                        let name = code.varnames[i as usize].clone();
                        let n = self.str_of(&name);
                        return Err(self.new_exc(
                            TypeId::UnboundLocalError,
                            &format!("local variable '{}' referenced before assignment", n),
                        ));
                    }
                    self.stack[b + i as usize] = Value::Undef;
                }
                Instr::LoadDeref(i) | Instr::LoadClassDeref(i) => {
                    if let Instr::LoadClassDeref(_) = instr {
                        let name = code.cellnames[i as usize].clone();
                        let locals = self.frames[fi].locals.clone();
                        if let Some(v) = self.dict_get_str_opt(&locals, &name) {
                            self.stack.push(v);
                            continue;
                        }
                    }
                    let cell = self.frames[fi].cells[i as usize].clone();
                    let v = cell_get(&cell);
                    if let Value::Undef = v {
                        sync!();
                        let name = code.cellnames[i as usize].clone();
                        let n = self.str_of(&name);
                        return Err(self.new_exc(
                            TypeId::NameError,
                            &format!("free variable '{}' referenced before assignment in enclosing scope", n),
                        ));
                    }
                    self.stack.push(v);
                }
                Instr::StoreDeref(i) => {
                    preempt!();
                    let v = pop!(self);
                    let cell = &self.frames[fi].cells[i as usize];
                    cell_set(cell, v);
                }
                Instr::DeleteDeref(i) => {
                    let cell = &self.frames[fi].cells[i as usize];
                    cell_set(cell, Value::Undef);
                }
                Instr::LoadClosure(i) => {
                    let c = self.frames[fi].cells[i as usize].clone();
                    self.stack.push(c);
                }
                Instr::LoadGlobal(i) => {
                    let name = &code.names[i as usize];
                    let v = self.load_global(&self.frames[fi].globals, name);
                    match v {
                        Some(v) => self.stack.push(v),
                        None => {
                            sync!();
                            let name = name.clone();
                            return Err(self.name_error(&name));
                        }
                    }
                }
                Instr::StoreGlobal(i) => {
                    preempt!();
                    let v = pop!(self);
                    let g = self.frames[fi].globals.clone();
                    dict_set_str(&g, code.names[i as usize].clone(), v);
                }
                Instr::DeleteGlobal(i) => {
                    let g = self.frames[fi].globals.clone();
                    if !dict_del_str(&g, &code.names[i as usize]) {
                        sync!();
                        let name = code.names[i as usize].clone();
                        return Err(self.name_error(&name));
                    }
                }
                Instr::LoadName(i) => {
                    let name = code.names[i as usize].clone();
                    let locals = self.frames[fi].locals.clone();
                    let v = match self.dict_get_str_opt(&locals, &name) {
                        Some(v) => Some(v),
                        None => self.load_global(&self.frames[fi].globals, &name),
                    };
                    match v {
                        Some(v) => self.stack.push(v),
                        None => {
                            sync!();
                            return Err(self.name_error(&name));
                        }
                    }
                }
                Instr::StoreName(i) => {
                    preempt!();
                    let v = pop!(self);
                    let locals = self.frames[fi].locals.clone();
                    let name = code.names[i as usize].clone();
                    tryv!(self.setitem_locals(&locals, name, v));
                }
                Instr::DeleteName(i) => {
                    let locals = self.frames[fi].locals.clone();
                    let name = code.names[i as usize].clone();
                    let ok = match &locals {
                        Value::Obj(o) if matches!(&**o, Obj::Dict(_)) => {
                            dict_del_str(&locals, &name)
                        }
                        _ => {
                            sync!();
                            self.del_item(&locals, &name).is_ok()
                        }
                    };
                    if !ok {
                        sync!();
                        return Err(self.name_error(&name));
                    }
                }
                Instr::LoadAttr(i) => {
                    let obj = pop!(self);
                    sync!();
                    let v = self.get_attr(&obj, &code.names[i as usize])?;
                    self.stack.push(v);
                }
                Instr::StoreAttr(i) => {
                    preempt!();
                    let obj = pop!(self);
                    let v = pop!(self);
                    sync!();
                    self.set_attr(&obj, &code.names[i as usize], v)?;
                }
                Instr::DeleteAttr(i) => {
                    let obj = pop!(self);
                    sync!();
                    self.del_attr(&obj, &code.names[i as usize])?;
                }
                Instr::LoadMethod(i) => {
                    let obj = pop!(self);
                    sync!();
                    let (m, s) = self.load_method(obj, &code.names[i as usize])?;
                    self.stack.push(m);
                    self.stack.push(s);
                }
                Instr::CallMethod(n) => {
                    let n = n as usize;
                    let len = self.stack.len();
                    let self_pos = len - n - 1;
                    sync!();
                    if let Value::Undef = self.stack[self_pos] {
                        self.stack.remove(self_pos);
                        match self.call_from_loop(n) {
                            Ok(true) => {
                                reload!();
                            }
                            Ok(false) => {}
                            Err(e) => {
                                if self.switch_req.is_some() {
                                    self.stack.insert(self_pos, Value::Undef);
                                }
                                call_err!(e)
                            }
                        }
                    } else {
                        match self.call_from_loop(n + 1) {
                            Ok(true) => {
                                reload!();
                            }
                            Ok(false) => {}
                            Err(e) => call_err!(e),
                        }
                    }
                }
                Instr::Call(n) => {
                    sync!();
                    match self.call_from_loop(n as usize) {
                        Ok(true) => {
                            reload!();
                        }
                        Ok(false) => {}
                        Err(e) => call_err!(e),
                    }
                }
                Instr::CallKw(n) => {
                    sync!();
                    let names = pop!(self);
                    let n = n as usize;
                    let names = names.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
                    let len = self.stack.len();
                    let nkw = names.len();
                    let kw: Vec<(Value, Value)> = names
                        .into_iter()
                        .zip(self.stack[len - nkw..].iter().cloned())
                        .collect();
                    let pos: Vec<Value> = self.stack[len - n..len - nkw].to_vec();
                    self.stack.truncate(len - n);
                    let func = pop!(self);
                    call_general!(func, pos, kw, None);
                }
                Instr::CallEx(flag) => {
                    sync!();
                    let kwargs = if flag & 1 != 0 {
                        Some(pop!(self))
                    } else {
                        None
                    };
                    let args = pop!(self);
                    let func = pop!(self);
                    let pos = self.to_vec(&args)?;
                    let mut kw = Vec::new();
                    if let Some(k) = kwargs {
                        for (key, val) in self.mapping_items(&k)? {
                            if key.as_str().is_none() {
                                return Err(self.type_error("keywords must be strings"));
                            }
                            kw.push((key, val));
                        }
                    }
                    call_general!(func, pos, kw, Some(flag & 1 != 0));
                }
                Instr::BinarySubscr => {
                    let key = pop!(self);
                    let obj = pop!(self);
                    // fast path: list[int]
                    if let (Value::Obj(o), Value::Int(i)) = (&obj, &key) {
                        if let Obj::List(l) = &**o {
                            let l = l.borrow();
                            let idx = if *i < 0 { *i + l.len() as i64 } else { *i };
                            if idx >= 0 && (idx as usize) < l.len() {
                                let v = l[idx as usize].clone();
                                drop(l);
                                self.stack.push(v);
                                continue;
                            }
                        }
                    }
                    sync!();
                    let v = self.get_item(&obj, &key)?;
                    self.stack.push(v);
                }
                Instr::StoreSubscr => {
                    preempt!();
                    let key = pop!(self);
                    let obj = pop!(self);
                    let v = pop!(self);
                    sync!();
                    self.set_item(&obj, &key, v)?;
                }
                Instr::DeleteSubscr => {
                    let key = pop!(self);
                    let obj = pop!(self);
                    sync!();
                    self.del_item(&obj, &key)?;
                }
                Instr::BuildSlice(n) => {
                    let step = if n == 3 { pop!(self) } else { Value::None };
                    let upper = pop!(self);
                    let lower = pop!(self);
                    self.stack.push(Value::obj(Obj::Slice(lower, upper, step)));
                }
                Instr::UnaryOp(op) => {
                    let a = pop!(self);
                    sync!();
                    let v = self.unary_op(op, &a)?;
                    self.stack.push(v);
                }
                Instr::BinaryOp(op) => {
                    let b = pop!(self);
                    let a = pop!(self);
                    if let Some(r) = fast_arith(op, &a, &b) {
                        self.stack.push(r);
                        continue;
                    }
                    sync!();
                    let v = self.binary_op(op, &a, &b)?;
                    self.stack.push(v);
                }
                Instr::InplaceOp(op) => {
                    let b = pop!(self);
                    let a = pop!(self);
                    if let Some(r) = fast_arith(op, &a, &b) {
                        self.stack.push(r);
                        continue;
                    }
                    sync!();
                    let v = self.inplace_op(op, &a, &b)?;
                    self.stack.push(v);
                }
                Instr::CompareOp(op) => {
                    let b = pop!(self);
                    let a = pop!(self);
                    if let Some(r) = fast_compare(op, &a, &b) {
                        self.stack.push(Value::Bool(r));
                        continue;
                    }
                    sync!();
                    let v = self.compare_op(op, &a, &b)?;
                    self.stack.push(v);
                }
                Instr::CheckExcMatch => {
                    let typ = pop!(self);
                    sync!();
                    let exc = self.stack.last().cloned().unwrap_or(Value::None);
                    let r = self.exception_match(&exc, &typ)?;
                    self.stack.push(Value::Bool(r));
                }
                Instr::BuildTuple(n) => {
                    let n = n as usize;
                    let len = self.stack.len();
                    let items: Vec<Value> = self.stack.drain(len - n..).collect();
                    self.stack.push(Value::tuple(items));
                }
                Instr::BuildList(n) => {
                    let n = n as usize;
                    let len = self.stack.len();
                    let items: Vec<Value> = self.stack.drain(len - n..).collect();
                    self.stack.push(Value::list(items));
                }
                Instr::BuildSet(n) => {
                    let n = n as usize;
                    let len = self.stack.len();
                    let items: Vec<Value> = self.stack.drain(len - n..).collect();
                    sync!();
                    let s = self.new_set(&items)?;
                    self.stack.push(s);
                }
                Instr::BuildMap(n) => {
                    let n = n as usize;
                    let len = self.stack.len();
                    let items: Vec<Value> = self.stack.drain(len - 2 * n..).collect();
                    let d = Value::dict(Dict::with_capacity(n));
                    sync!();
                    for pair in items.chunks(2) {
                        self.dict_set(&d, pair[0].clone(), pair[1].clone())?;
                    }
                    self.stack.push(d);
                }
                Instr::BuildConstKeyMap(n) => {
                    let keys = pop!(self);
                    let n = n as usize;
                    let len = self.stack.len();
                    let vals: Vec<Value> = self.stack.drain(len - n..).collect();
                    let d = Value::dict(Dict::with_capacity(n));
                    sync!();
                    let keys = keys.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
                    for (k, v) in keys.into_iter().zip(vals) {
                        self.dict_set(&d, k, v)?;
                    }
                    self.stack.push(d);
                }
                Instr::BuildString(n) => {
                    let n = n as usize;
                    let len = self.stack.len();
                    let mut s = String::new();
                    for v in &self.stack[len - n..] {
                        if let Some(p) = v.as_str() {
                            s.push_str(p.as_str());
                        }
                    }
                    self.stack.truncate(len - n);
                    self.stack.push(Value::string(s));
                }
                Instr::FormatValue(flagsv) => {
                    sync!();
                    let spec = if flagsv & bytecode::fmt::HAS_SPEC != 0 {
                        Some(pop!(self))
                    } else {
                        None
                    };
                    let v = pop!(self);
                    let v = match flagsv & 3 {
                        bytecode::fmt::CONV_STR => self.to_str(&v)?,
                        bytecode::fmt::CONV_REPR => self.repr(&v)?,
                        bytecode::fmt::CONV_ASCII => {
                            let r = self.repr(&v)?;
                            let s = self.str_of(&r);
                            Value::string(crate::format::ascii_escape(&s))
                        }
                        _ => v,
                    };
                    let spec_s = match &spec {
                        Some(s) => self.str_of(s),
                        None => String::new(),
                    };
                    let r = self.format_value(&v, &spec_s)?;
                    self.stack.push(r);
                }
                Instr::ListAppend(n) => {
                    let v = pop!(self);
                    let len = self.stack.len();
                    let l = self.stack[len - n as usize].clone();
                    if let Value::Obj(o) = &l {
                        if let Obj::List(l) = &**o {
                            let (n, cap) = {
                                let b = l.borrow();
                                (b.len(), b.capacity())
                            };
                            if n == cap && cap >= 128 {
                                sync!();
                                self.check_grow(n, cap)?;
                            }
                            l.borrow_mut().push(v);
                        }
                    }
                }
                Instr::SetAdd(n) => {
                    let v = pop!(self);
                    let len = self.stack.len();
                    let s = self.stack[len - n as usize].clone();
                    sync!();
                    self.set_add(&s, v)?;
                }
                Instr::MapAdd(n) => {
                    let v = pop!(self);
                    let k = pop!(self);
                    let len = self.stack.len();
                    let d = self.stack[len - n as usize].clone();
                    sync!();
                    self.dict_set(&d, k, v)?;
                }
                Instr::ListExtend(n) => {
                    let it = pop!(self);
                    let len = self.stack.len();
                    let l = self.stack[len - n as usize].clone();
                    sync!();
                    let items = self.to_vec(&it)?;
                    if let Value::Obj(o) = &l {
                        if let Obj::List(l) = &**o {
                            l.borrow_mut().extend(items);
                        }
                    }
                }
                Instr::SetUpdate(n) => {
                    let it = pop!(self);
                    let len = self.stack.len();
                    let s = self.stack[len - n as usize].clone();
                    sync!();
                    for v in self.to_vec(&it)? {
                        self.set_add(&s, v)?;
                    }
                }
                Instr::DictUpdate(n) | Instr::DictMerge(n) => {
                    let m = pop!(self);
                    let len = self.stack.len();
                    let d = self.stack[len - n as usize].clone();
                    sync!();
                    let items = match self.mapping_items(&m) {
                        Ok(i) => i,
                        Err(_) => {
                            let t = self.type_name(&m);
                            return Err(self.type_error(format!("'{}' object is not a mapping", t)));
                        }
                    };
                    for (k, v) in items {
                        if let Instr::DictMerge(_) = instr {
                            if self.dict_get(&d, &k)?.is_some() {
                                let ks = self.repr(&k)?;
                                let ks = self.str_of(&ks);
                                return Err(self.type_error(format!(
                                    "got multiple values for keyword argument {}",
                                    ks
                                )));
                            }
                        }
                        self.dict_set(&d, k, v)?;
                    }
                }
                Instr::ListToTuple => {
                    let l = pop!(self);
                    let items = match &l {
                        Value::Obj(o) => match &**o {
                            Obj::List(l) => core::mem::take(&mut *l.borrow_mut()),
                            _ => Vec::new(),
                        },
                        _ => Vec::new(),
                    };
                    self.stack.push(Value::tuple(items));
                }
                Instr::UnpackSequence(n) => {
                    let seq = pop!(self);
                    sync!();
                    let n = n as usize;
                    // fast path: a tuple of the right length needs no copy of the items
                    if let Some(t) = seq.as_tuple() {
                        if t.len() == n {
                            self.stack.extend(t.iter().rev().cloned());
                            continue;
                        }
                    }
                    let items = self.to_vec(&seq)?;
                    if items.len() != n {
                        if items.len() > n {
                            return Err(self.value_error(format!(
                                "too many values to unpack (expected {})",
                                n
                            )));
                        }
                        return Err(self.value_error(format!(
                            "not enough values to unpack (expected {}, got {})",
                            n,
                            items.len()
                        )));
                    }
                    self.stack.extend(items.into_iter().rev());
                }
                Instr::UnpackEx(arg) => {
                    let before = (arg & 0xff) as usize;
                    let after = (arg >> 8) as usize;
                    let seq = pop!(self);
                    sync!();
                    let items = self.to_vec(&seq)?;
                    if items.len() < before + after {
                        return Err(self.value_error(format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            before + after,
                            items.len()
                        )));
                    }
                    let mid_end = items.len() - after;
                    for v in items[mid_end..].iter().rev() {
                        self.stack.push(v.clone());
                    }
                    self.stack
                        .push(Value::list(items[before..mid_end].to_vec()));
                    for v in items[..before].iter().rev() {
                        self.stack.push(v.clone());
                    }
                }
                Instr::Jump(t) => {
                    if (t as usize) < ip {
                        // a backward jump (a loop): periodic checks, before jumping, so that
                        // an interrupt's traceback shows the loop's line
                        self.ticks = self.ticks.wrapping_sub(1);
                        if self.ticks == 0 {
                            sync!();
                            let switch = self.periodic_switch(true)?;
                            ip = t as usize;
                            if switch {
                                sync!();
                                return Ok(Exit::Switch);
                            }
                            continue;
                        } else if MEMORY_TICKS && self.low_flag.load(Relaxed) {
                            sync!();
                            self.check_memory_low()?;
                        }
                    }
                    ip = t as usize;
                }
                Instr::PopJumpIfFalse(t) => {
                    let v = pop!(self);
                    let b = match v {
                        Value::Bool(b) => b,
                        _ => {
                            sync!();
                            self.truthy(&v)?
                        }
                    };
                    if !b {
                        ip = t as usize;
                    }
                }
                Instr::PopJumpIfTrue(t) => {
                    let v = pop!(self);
                    let b = match v {
                        Value::Bool(b) => b,
                        _ => {
                            sync!();
                            self.truthy(&v)?
                        }
                    };
                    if b {
                        ip = t as usize;
                    }
                }
                Instr::JumpIfFalseOrPop(t) => {
                    let v = self.stack.last().cloned().unwrap_or(Value::None);
                    sync!();
                    if !self.truthy(&v)? {
                        ip = t as usize;
                    } else {
                        self.stack.pop();
                    }
                }
                Instr::JumpIfTrueOrPop(t) => {
                    let v = self.stack.last().cloned().unwrap_or(Value::None);
                    sync!();
                    if self.truthy(&v)? {
                        ip = t as usize;
                    } else {
                        self.stack.pop();
                    }
                }
                Instr::GetIter => {
                    let v = pop!(self);
                    sync!();
                    let it = self.get_iter(&v)?;
                    self.stack.push(it);
                }
                Instr::ForIter(t) => {
                    preempt!();
                    let it = self.stack.last().cloned().unwrap_or(Value::None);
                    sync!();
                    if self.try_resume_inline(&it, t)? {
                        reload!();
                        continue;
                    }
                    match self.next(&it)? {
                        Some(v) => self.stack.push(v),
                        None => {
                            self.stack.pop();
                            ip = t as usize;
                        }
                    }
                }
                Instr::SetupTry(h) => {
                    let depth = self.stack.len();
                    self.frames[fi]
                        .blocks
                        .push(Block::Try { handler: h, depth });
                }
                Instr::PopBlock => {
                    self.frames[fi].blocks.pop();
                }
                Instr::PopExcept => {
                    if let Some(Block::Handler { prev }) = self.frames[fi].blocks.pop() {
                        self.cur_exc = prev;
                    }
                }
                Instr::Reraise => {
                    let exc = pop!(self);
                    sync!();
                    // keep the traceback: the entry for this frame is already there
                    if let Value::Obj(o) = &exc {
                        if let Obj::Instance(inst) = &**o {
                            if let Payload::Exc(d) = &mut *inst.payload.borrow_mut() {
                                d.traceback.pop();
                            }
                        }
                    }
                    return Err(PyErr(exc));
                }
                Instr::Raise(n) => {
                    sync!();
                    let err = match n {
                        0 => {
                            if self.cur_exc.is_none() {
                                self.runtime_error("No active exception to reraise")
                            } else {
                                let e = self.cur_exc.clone();
                                if let Value::Obj(o) = &e {
                                    if let Obj::Instance(inst) = &**o {
                                        if let Payload::Exc(d) = &mut *inst.payload.borrow_mut() {
                                            d.traceback.clear();
                                        }
                                    }
                                }
                                PyErr(e)
                            }
                        }
                        1 => {
                            let e = pop!(self);
                            self.make_raisable(e)?
                        }
                        _ => {
                            let cause = pop!(self);
                            let e = pop!(self);
                            let e = self.make_raisable(e)?;
                            let cause = if cause.is_none() {
                                None
                            } else {
                                Some(self.make_raisable(cause)?.0)
                            };
                            if let Value::Obj(o) = &e.0 {
                                if let Obj::Instance(inst) = &**o {
                                    if let Payload::Exc(d) = &mut *inst.payload.borrow_mut() {
                                        d.cause = cause;
                                        d.suppress_context = true;
                                    }
                                }
                            }
                            e
                        }
                    };
                    return Err(err);
                }
                Instr::LoadAssertionError => {
                    let c = self.shared.types.get(TypeId::AssertionError);
                    self.stack.push(c);
                }
                Instr::BeforeWith => {
                    let ctx = pop!(self);
                    sync!();
                    // lookup_special twice, with the type looked up once
                    let t = self.type_of(&ctx);
                    let exit_name = self.intern("__exit__");
                    let exit = match self.class_lookup(&t, &exit_name) {
                        Some(e) => Value::obj(Obj::Method(e, ctx.clone())),
                        None => return Err(self.attr_error("__exit__")),
                    };
                    let enter_name = self.intern("__enter__");
                    let enter = match self.class_lookup(&t, &enter_name) {
                        Some(e) => e,
                        None => return Err(self.attr_error("__enter__")),
                    };
                    // `__enter__` runs in this loop (a Python one as a frame), so a green
                    // thread blocking in it (`with lock:`, `with condition:`) can switch
                    self.stack.push(exit);
                    self.stack.push(enter);
                    self.stack.push(ctx.clone());
                    match self.call_from_loop(1) {
                        Ok(true) => {
                            reload!();
                        }
                        Ok(false) => {}
                        Err(e) => {
                            if self.switch_req.is_some() {
                                let n = self.stack.len();
                                self.stack.truncate(n - 3);
                                self.stack.push(ctx);
                            }
                            call_err!(e)
                        }
                    }
                }
                Instr::WithExitNormal => {
                    let exit = pop!(self);
                    sync!();
                    // `exit` is the bound method BeforeWith made: call it unbound, sparing
                    // the argument vector of a bound call
                    match &exit {
                        Value::Obj(o) if matches!(&**o, Obj::Method(..)) => {
                            if let Obj::Method(f, s) = &**o {
                                let a = [s.clone(), Value::None, Value::None, Value::None];
                                self.call(f, &a)?;
                            }
                        }
                        _ => {
                            self.call(&exit, &[Value::None, Value::None, Value::None])?;
                        }
                    }
                }
                Instr::WithExitExc => {
                    let exc = pop!(self);
                    let exit = pop!(self);
                    sync!();
                    let typ = self.type_of(&exc);
                    let r = self.call(&exit, &[typ, exc.clone(), Value::None])?;
                    if self.truthy(&r)? {
                        if let Some(Block::Handler { prev }) = self.frames[fi].blocks.pop() {
                            self.cur_exc = prev;
                        }
                    } else {
                        if let Value::Obj(o) = &exc {
                            if let Obj::Instance(inst) = &**o {
                                if let Payload::Exc(d) = &mut *inst.payload.borrow_mut() {
                                    d.traceback.pop();
                                }
                            }
                        }
                        return Err(PyErr(exc));
                    }
                }
                Instr::MakeFunction(fl) => {
                    let qualname = pop!(self);
                    let codev = pop!(self);
                    let closure = if fl & bytecode::make_fn::CLOSURE != 0 {
                        Some(pop!(self))
                    } else {
                        None
                    };
                    let kwdefaults = if fl & bytecode::make_fn::KWDEFAULTS != 0 {
                        Some(pop!(self))
                    } else {
                        None
                    };
                    let defaults = if fl & bytecode::make_fn::DEFAULTS != 0 {
                        Some(pop!(self))
                    } else {
                        None
                    };
                    sync!();
                    let f =
                        self.make_function(codev, qualname, defaults, kwdefaults, closure, fi)?;
                    self.stack.push(f);
                }
                Instr::LoadBuildClass => {
                    let b = self.shared.build_class.clone();
                    self.stack.push(b);
                }
                Instr::ReturnValue => {
                    let v = pop!(self);
                    // read what's needed and drop the frame in place (Frame is large)
                    let f = &mut self.frames[fi];
                    let (base, stop, for_exit) = (f.base, f.stop, f.for_exit);
                    let generator = f.generator.take();
                    let init_self = f.init_self.take();
                    self.frames.truncate(fi);
                    self.stack.truncate(base.saturating_sub(1));
                    if let Some(g) = &generator {
                        self.finish_generator(g);
                    }
                    if stop {
                        return Ok(Exit::Return(v));
                    }
                    if let Some(t) = for_exit {
                        // an inline-resumed generator finished: leave the caller's for loop
                        self.stack.pop();
                        reload!();
                        ip = t as usize;
                        continue;
                    }
                    let v = match init_self {
                        Some(inst) => {
                            if !v.is_none() {
                                reload!();
                                sync!();
                                return Err(self.type_error("__init__() should return None"));
                            }
                            inst
                        }
                        None => v,
                    };
                    self.stack.push(v);
                    reload!();
                }
                Instr::YieldValue => {
                    let v = pop!(self);
                    sync!();
                    let stop = self.frames[fi].stop;
                    self.suspend_generator()?;
                    if stop {
                        return Ok(Exit::Yield(v));
                    }
                    self.stack.push(v);
                    reload!();
                }
                Instr::GetYieldFromIter => {
                    let v = pop!(self);
                    sync!();
                    let it = match &v {
                        Value::Obj(o) if matches!(&**o, Obj::Generator(_)) => v.clone(),
                        _ => self.get_iter(&v)?,
                    };
                    self.stack.push(it);
                }
                Instr::GetAwaitable => {
                    let v = pop!(self);
                    sync!();
                    let it = match &v {
                        Value::Obj(o) if matches!(&**o, Obj::Generator(_)) => v.clone(),
                        _ => match self.lookup_special(&v, "__await__") {
                            Some(m) => {
                                let r = self.call(&m, core::slice::from_ref(&v))?;
                                self.get_iter(&r)?
                            }
                            None => {
                                let t = self.type_name(&v);
                                return Err(
                                    self.type_error(format!("'{}' object can't be awaited", t))
                                );
                            }
                        },
                    };
                    self.stack.push(it);
                }
                Instr::YieldFrom => {
                    let value = pop!(self);
                    let sub = self.stack.last().cloned().unwrap_or(Value::None);
                    sync!();
                    let step = self.send_to(&sub, value)?;
                    match step {
                        GenStep::Yield(v) => {
                            // re-execute this instruction on resumption
                            ip -= 1;
                            sync!();
                            let stop = self.frames[fi].stop;
                            self.suspend_generator()?;
                            if stop {
                                return Ok(Exit::Yield(v));
                            }
                            self.stack.push(v);
                            reload!();
                        }
                        GenStep::Return(v) => {
                            self.stack.pop();
                            self.stack.push(v);
                        }
                    }
                }
                Instr::ImportName(i) => {
                    let fromlist = pop!(self);
                    let level = pop!(self);
                    sync!();
                    let name = code.names[i as usize].clone();
                    let globals = self.frames[fi].globals.clone();
                    let m = crate::import::import_name(self, &name, &fromlist, &level, &globals)?;
                    self.stack.push(m);
                }
                Instr::ImportFrom(i) => {
                    let m = self.stack.last().cloned().unwrap_or(Value::None);
                    sync!();
                    let v = crate::import::import_from(self, &m, &code.names[i as usize])?;
                    self.stack.push(v);
                }
                Instr::ImportStar => {
                    let m = pop!(self);
                    sync!();
                    let locals = self.frames[fi].locals.clone();
                    crate::import::import_star(self, &m, &locals)?;
                }
                Instr::PrintExpr => {
                    let v = pop!(self);
                    sync!();
                    if !v.is_none() {
                        let r = self.repr(&v)?;
                        let s = self.str_of(&r);
                        self.write_stdout(&s);
                        self.write_stdout("\n");
                        let b = self.shared.builtins_dict.clone();
                        dict_set_str(&b, Value::str("_"), v);
                    }
                }
                Instr::SetupClassBody(i) => {
                    let locals = self.frames[fi].locals.clone();
                    let module = self
                        .load_global(&self.frames[fi].globals, &Value::str("__name__"))
                        .unwrap_or(Value::None);
                    dict_set_str(&locals, Value::str("__module__"), module);
                    dict_set_str(
                        &locals,
                        Value::str("__qualname__"),
                        code.consts[i as usize].clone(),
                    );
                }
            }
        }
    }

    /// Interrupt check and thread switch: runs every CHECK_INTERVAL ticks, and from native
    /// code that runs long (the regex engine, ...).
    ///
    /// With green threads only the main thread switches here (in place): another thread
    /// pinned in native code would keep the main thread from running.
    pub fn periodic(&mut self) -> PyResult<()> {
        self.check_signals()?;
        self.check_memory()?;
        if self.shared.green.is_some() {
            if self.is_main {
                crate::green::slice_end(self, false)?;
            }
            return Ok(());
        }
        // the GIL switch (`sys.setswitchinterval`, 5 ms by default as in CPython): once this
        // thread has held the GIL that long, let a waiting thread run
        let port = self.shared.port;
        if let Some(t) = port.threads() {
            let held = port.ticks_us().saturating_sub(self.slice_start_us);
            if held >= self.shared.switch_interval_us.get() {
                t.gil_yield();
                self.took_gil();
                self.slice_start_us = port.ticks_us();
                self.took_gil();
            }
        }
        Ok(())
    }

    /// The periodic check from the dispatch loop. True: the loop must return `Exit::Switch`
    /// (a green thread leaves its slice; the frame's ip says where it resumes).
    fn periodic_switch(&mut self, can_suspend: bool) -> PyResult<bool> {
        if self.shared.green.is_some() {
            if let Err(e) = self.check_signals().and_then(|_| self.check_memory()) {
                self.ticks = CHECK_INTERVAL;
                return Err(e);
            }
            // (the slice's ticks are counted before a new slice starts)
            return crate::green::slice_end(self, can_suspend);
        }
        self.ticks = CHECK_INTERVAL;
        self.periodic()?;
        Ok(false)
    }

    /// Start a green thread's target (its first slice). A Python function runs in this
    /// thread's outermost loop, which can be suspended; anything else runs as a nested call.
    pub fn green_start(
        &mut self,
        func: Value,
        args: Vec<Value>,
        kwargs: Vec<(Value, Value)>,
    ) -> PyResult<Exit> {
        self.green_func = Some(func.clone());
        let (mut f, mut a) = (func, args);
        while let Value::Obj(o) = &f {
            match &**o {
                Obj::Method(mf, ms) if matches!(mf, Value::Obj(m) if matches!(&**m, Obj::Function(_))) =>
                {
                    a.insert(0, ms.clone());
                    f = mf.clone();
                }
                _ => break,
            }
        }
        if !matches!(&f, Value::Obj(o) if matches!(&**o, Obj::Function(_))) {
            return self.call_kw(&f, &a, &kwargs).map(Exit::Return);
        }
        self.enter_native()?;
        self.suspend_depth = self.native_depth;
        self.stack.push(f.clone());
        match self.setup_call(f, &a, &kwargs, true) {
            Ok(Some(v)) => Ok(Exit::Return(v)),
            Ok(None) => self.green_resume(),
            Err(e) => Err(e),
        }
    }

    /// Start the main thread's program as a green thread (its first slice).
    pub fn green_start_code(
        &mut self,
        code: Rc<CodeObject>,
        globals: Value,
        locals: Value,
    ) -> PyResult<Exit> {
        self.enter_native()?;
        self.stack.push(Value::None); // callee slot
        for _ in 0..code.nlocals() {
            self.stack.push(Value::Undef);
        }
        if let Err(e) = self.push_frame(code, globals, locals, &[], true) {
            self.stack.truncate(self.stack.len().saturating_sub(1));
            self.native_depth -= 1;
            return Err(e);
        }
        self.suspend_depth = self.native_depth;
        self.green_resume()
    }

    /// Run a suspended green thread's next slice: until it switches again or ends.
    pub fn green_resume(&mut self) -> PyResult<Exit> {
        let r = self.run_loop_inner();
        if !matches!(r, Ok(Exit::Switch)) {
            self.suspend_depth = u32::MAX;
            self.native_depth = self.native_depth.saturating_sub(1);
        }
        r
    }

    /// Put a CallKw (`ex` None) or CallEx (`ex`: has **kwargs) call back on the stack.
    #[cold]
    fn put_back_call(
        &mut self,
        func: Value,
        pos: Vec<Value>,
        kw: Vec<(Value, Value)>,
        ex: Option<bool>,
    ) {
        self.stack.push(func);
        match ex {
            None => {
                self.stack.extend(pos);
                let names: Vec<Value> = kw.iter().map(|(k, _)| k.clone()).collect();
                self.stack.extend(kw.into_iter().map(|(_, v)| v));
                self.stack.push(Value::tuple(names));
            }
            Some(has_kwargs) => {
                // the arguments were unpacked already: a tuple and a dict do the same
                self.stack.push(Value::tuple(pos));
                if has_kwargs {
                    let d = Value::dict(crate::dict::Dict::new());
                    for (k, v) in kw {
                        dict_set_str(&d, k, v);
                    }
                    self.stack.push(d);
                }
            }
        }
    }

    /// A blocking native returned the switch signal from a call instruction of the outermost
    /// loop: make the instruction at `ip` run again when the thread is resumed.
    #[cold]
    fn rewind_call(&mut self, fi: usize, ip: usize) -> Exit {
        self.frames[fi].ip = ip;
        Exit::Switch
    }

    /// Call with the callee and `nargs` arguments on the stack. Returns true when a new
    /// frame was pushed (the loop must reload), false when the result was pushed.
    fn call_from_loop(&mut self, nargs: usize) -> PyResult<bool> {
        let len = self.stack.len();
        let fpos = len - nargs - 1;
        let func = self.stack[fpos].clone();
        if let Value::Obj(o) = &func {
            match &**o {
                Obj::Class(c) if c.builtin.is_none() && c.base_kind == BaseKind::Object => {
                    // plain user class: object.__new__ + a Python __init__ run in this loop
                    let new_name = self.intern("__new__");
                    let init_name = self.intern("__init__");
                    let plain_new = matches!(self.class_lookup(&func, &new_name), Some(Value::Obj(n)) if matches!(&*n, Obj::StaticMethod(f) if matches!(f, Value::Obj(b) if matches!(&**b, Obj::Builtin(_)))));
                    if plain_new {
                        if let Some(init) = self.class_lookup(&func, &init_name) {
                            if matches!(&init, Value::Obj(i) if matches!(&**i, Obj::Function(_))) {
                                let inst = crate::types::object_new(self, &func, &[])?;
                                self.stack[fpos] = init;
                                self.stack.insert(fpos + 1, inst.clone());
                                let pushed = self.call_from_loop(nargs + 1)?;
                                if pushed {
                                    if let Some(f) = self.frames.last_mut() {
                                        f.init_self = Some(inst);
                                    }
                                } else if let Some(top) = self.stack.last_mut() {
                                    // __init__ completed without a frame (a generator __init__
                                    // would be a TypeError in CPython; keep the instance)
                                    *top = inst;
                                }
                                return Ok(pushed);
                            }
                        }
                    }
                }
                Obj::Function(f) => {
                    let code = &f.code;
                    // fastest path: exact positional arity, plain function
                    if nargs == code.argcount
                        && code.kwonlyargcount == 0
                        && code.flags
                            & (flags::VARARGS
                                | flags::VARKEYWORDS
                                | flags::GENERATOR
                                | flags::COROUTINE)
                            == 0
                    {
                        let code = code.clone();
                        for _ in nargs..code.nlocals() {
                            self.stack.push(Value::Undef);
                        }
                        let globals = f.globals.clone();
                        let closure = if f.closure.is_empty() {
                            Vec::new()
                        } else {
                            f.closure.to_vec()
                        };
                        if let Err(e) =
                            self.push_frame(code, globals, Value::Undef, &closure, false)
                        {
                            self.stack.truncate(fpos);
                            return Err(e);
                        }
                        return Ok(true);
                    }
                    let args: Vec<Value> = self.stack.drain(fpos + 1..).collect();
                    return match self.setup_call(func.clone(), &args, &[], false)? {
                        Some(v) => {
                            self.stack.push(v);
                            Ok(false)
                        }
                        None => Ok(true),
                    };
                }
                Obj::Builtin(b) => {
                    let f = b.func;
                    // the arguments go in a buffer kept for reuse (no allocation per call;
                    // a nested call finds it taken and uses a fresh one)
                    let mut args = core::mem::take(&mut self.arg_buf);
                    if let Some(s) = &b.self_ {
                        args.push(s.clone());
                    }
                    args.extend_from_slice(&self.stack[fpos + 1..]);
                    let r = f(
                        self,
                        Args {
                            pos: &args,
                            kw: &[],
                        },
                    );
                    args.clear();
                    self.arg_buf = args;
                    // on the switch signal the callee and arguments stay for the retry
                    let v = r?;
                    self.stack.truncate(fpos);
                    self.stack.push(v);
                    return Ok(false);
                }
                Obj::Method(mf, ms) => {
                    if let Value::Obj(mo) = mf {
                        match &**mo {
                            Obj::Function(_) => {
                                let mf = mf.clone();
                                let ms = ms.clone();
                                self.stack[fpos] = mf;
                                self.stack.insert(fpos + 1, ms);
                                return self.call_from_loop(nargs + 1);
                            }
                            Obj::Builtin(b) if b.self_.is_none() => {
                                // a bound native method (`acquire = lock.acquire`)
                                let f = b.func;
                                let mut a = Vec::with_capacity(nargs + 1);
                                a.push(ms.clone());
                                a.extend_from_slice(&self.stack[fpos + 1..]);
                                let v = f(self, Args { pos: &a, kw: &[] })?;
                                self.stack.truncate(fpos);
                                self.stack.push(v);
                                return Ok(false);
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        let args: Vec<Value> = self.stack.drain(fpos + 1..).collect();
        self.stack.pop();
        self.call_general(func, &args, &[])
    }

    /// Call from the loop with explicit args; Python functions get a frame in this loop.
    fn call_general(
        &mut self,
        func: Value,
        args: &[Value],
        kw: &[(Value, Value)],
    ) -> PyResult<bool> {
        if let Value::Obj(o) = &func {
            match &**o {
                Obj::Function(_) => {
                    self.stack.push(func.clone());
                    return match self.setup_call(func, args, kw, false)? {
                        Some(v) => {
                            self.stack.push(v);
                            Ok(false)
                        }
                        None => Ok(true),
                    };
                }
                Obj::Method(mf, ms) => {
                    if let Value::Obj(mo) = mf {
                        if matches!(&**mo, Obj::Function(_))
                            || matches!(&**mo, Obj::Builtin(b) if b.self_.is_none())
                        {
                            let mut a = Vec::with_capacity(args.len() + 1);
                            a.push(ms.clone());
                            a.extend_from_slice(args);
                            return self.call_general(mf.clone(), &a, kw);
                        }
                    }
                }
                Obj::Builtin(b) => {
                    // called straight from the loop, at the loop's native depth (a green
                    // thread blocking here can be suspended)
                    let f = b.func;
                    let r = match &b.self_ {
                        Some(s) => {
                            let mut a = Vec::with_capacity(args.len() + 1);
                            a.push(s.clone());
                            a.extend_from_slice(args);
                            f(self, Args { pos: &a, kw })?
                        }
                        None => f(self, Args { pos: args, kw })?,
                    };
                    self.stack.push(r);
                    return Ok(false);
                }
                _ => {}
            }
        }
        let r = self.call_kw(&func, args, kw)?;
        self.stack.push(r);
        Ok(false)
    }

    fn make_function(
        &mut self,
        codev: Value,
        qualname: Value,
        defaults: Option<Value>,
        kwdefaults: Option<Value>,
        closure: Option<Value>,
        fi: usize,
    ) -> PyResult<Value> {
        self.check_memory()?;
        let code = match &codev {
            Value::Obj(o) => match &**o {
                Obj::Code(c) => c.clone(),
                _ => return Err(self.system_error("MakeFunction without code")),
            },
            _ => return Err(self.system_error("MakeFunction without code")),
        };
        let defaults = match defaults {
            Some(d) => d.as_tuple().map(|t| t.to_vec()).unwrap_or_default(),
            None => Vec::new(),
        };
        let kwdefaults = match kwdefaults {
            Some(d) => self.mapping_items(&d)?,
            None => Vec::new(),
        };
        let closure = match closure {
            Some(c) => c.as_tuple().map(|t| t.to_vec()).unwrap_or_default(),
            None => Vec::new(),
        };
        let globals = self.frames[fi].globals.clone();
        let module = self
            .dict_get_str_opt(&globals, &self.intern("__name__"))
            .unwrap_or(Value::None);
        Ok(Value::obj(Obj::Function(Box::new(Function {
            name: RefCell::new(code.name.clone()),
            qualname: RefCell::new(qualname),
            code,
            globals,
            defaults: defaults.into_boxed_slice(),
            kwdefaults: kwdefaults.into_boxed_slice(),
            closure: closure.into_boxed_slice(),
            dict: RefCell::new(None),
            module,
        }))))
    }

    fn make_raisable(&mut self, e: Value) -> PyResult<PyErr> {
        // a class: instantiate it; an instance of BaseException: raise it
        if let Value::Obj(o) = &e {
            match &**o {
                Obj::Class(c) if c.base_kind == BaseKind::Exception => {
                    let inst = self.call(&e, &[])?;
                    return Ok(PyErr(inst));
                }
                Obj::Instance(inst) => {
                    if let Payload::Exc(_) = &*inst.payload.borrow() {
                        return Ok(PyErr(e.clone()));
                    }
                }
                _ => {}
            }
        }
        Err(self.type_error("exceptions must derive from BaseException"))
    }

    fn exception_match(&mut self, exc: &Value, typ: &Value) -> PyResult<bool> {
        if let Some(t) = typ.as_tuple() {
            for c in t.iter() {
                if self.exception_match(exc, c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        match typ {
            Value::Obj(o) if matches!(&**o, Obj::Class(_)) => {
                let ec = self.type_of(exc);
                Ok(crate::types::is_subclass(&ec, typ))
            }
            _ => Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// `send(value)` to a generator or any iterator (for `yield from`).
    pub fn send_to(&mut self, sub: &Value, value: Value) -> PyResult<GenStep> {
        if let Value::Obj(o) = sub {
            if let Obj::Generator(_) = &**o {
                return match self.gen_resume(sub, value, None) {
                    Ok(s) => Ok(s),
                    Err(e) => Err(e),
                };
            }
        }
        if value.is_none() {
            match self.next(sub)? {
                Some(v) => Ok(GenStep::Yield(v)),
                None => Ok(GenStep::Return(Value::None)),
            }
        } else {
            let m = self.get_attr(sub, &Value::str("send"))?;
            match self.call(&m, &[value]) {
                Ok(v) => Ok(GenStep::Yield(v)),
                Err(e) => {
                    if self.exc_matches(&e.0, TypeId::StopIteration) {
                        Ok(GenStep::Return(crate::types::stop_iteration_value(&e.0)))
                    } else {
                        Err(e)
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ names

    pub fn load_global(&self, globals: &Value, name: &Value) -> Option<Value> {
        if let Value::Obj(o) = globals {
            if let Obj::Dict(d) = &**o {
                if let Some(v) = d.borrow().get_strval(name) {
                    return Some(v.clone());
                }
            }
        }
        if let Value::Obj(o) = &self.shared.builtins_dict {
            if let Obj::Dict(d) = &**o {
                if let Some(v) = d.borrow().get_strval(name) {
                    return Some(v.clone());
                }
            }
        }
        None
    }

    /// Look a str key up in a dict value (None when absent or not a dict).
    pub fn dict_get_str_opt(&self, d: &Value, key: &Value) -> Option<Value> {
        if let Value::Obj(o) = d {
            if let Obj::Dict(d) = &**o {
                return d.borrow().get_strval(key).cloned();
            }
        }
        None
    }

    fn setitem_locals(&mut self, locals: &Value, name: Value, v: Value) -> PyResult<()> {
        if let Value::Obj(o) = locals {
            if let Obj::Dict(_) = &**o {
                dict_set_str(locals, name, v);
                return Ok(());
            }
        }
        self.set_item(locals, &name, v)
    }

    // ------------------------------------------------------------------ output

    pub fn write_stdout(&mut self, s: &str) {
        self.console_write(crate::port::Stream::Stdout, s.as_bytes());
    }
    pub fn write_stderr(&mut self, s: &str) {
        self.console_write(crate::port::Stream::Stderr, s.as_bytes());
    }

    /// Console output. A write may block (a full pipe, a slow terminal or serial line), so
    /// when other Python threads exist it runs with the GIL released, like any blocking
    /// call; `data` is plain bytes, never a Python object.
    pub fn console_write(&mut self, stream: crate::port::Stream, data: &[u8]) {
        let port = self.shared.port;
        let ident = self.ident;
        if self.shared.thread_count.get() > 0 {
            self.blocking(|| port.write_thread(ident, stream, data));
        } else {
            port.write_thread(ident, stream, data);
        }
    }

    /// The current source line of the innermost frame.
    /// The file and line of the innermost frame in the program's own code: frames of the
    /// builtin modules written in Python (`<threading>`, `<queue>`) are skipped, so a
    /// report says `t.join()` in the script rather than a line inside `threading`. Falls
    /// back to the innermost frame.
    pub fn user_position(&self) -> (&str, u32) {
        let frame = self
            .frames
            .iter()
            .rev()
            .find(|f| !f.code.filename.starts_with('<'))
            .or_else(|| self.frames.last());
        match frame {
            Some(f) => (&f.code.filename, f.code.line_at(f.ip.saturating_sub(1))),
            None => ("", 0),
        }
    }

    pub fn current_line(&self) -> u32 {
        match self.frames.last() {
            Some(f) => f.code.line_at(f.ip.saturating_sub(1)),
            None => 0,
        }
    }

    /// The globals of the innermost Python frame.
    pub fn current_globals(&self) -> Value {
        match self.frames.last() {
            Some(f) => f.globals.clone(),
            None => self.shared.main_dict.clone(),
        }
    }
    pub fn current_locals(&self) -> Value {
        match self.frames.last() {
            Some(f) => {
                if let Value::Undef = f.locals {
                    // function frame: build a dict of its locals
                    let mut d = Dict::new();
                    for (i, n) in f.code.varnames.iter().enumerate() {
                        let v = &self.stack[f.base + i];
                        if !matches!(v, Value::Undef) {
                            d.set_strval(n.clone(), v.clone());
                        }
                    }
                    Value::dict(d)
                } else {
                    f.locals.clone()
                }
            }
            None => self.shared.main_dict.clone(),
        }
    }
}

/// Arithmetic that needs no allocation or error path: small ints and floats.
#[inline(always)]
fn fast_arith(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let r = match op {
                BinOp::Add => x.checked_add(*y),
                BinOp::Sub => x.checked_sub(*y),
                BinOp::Mult => x.checked_mul(*y),
                BinOp::BitAnd => Some(x & y),
                BinOp::BitOr => Some(x | y),
                BinOp::BitXor => Some(x ^ y),
                BinOp::FloorDiv if *y > 0 && *x >= 0 => Some(x / y),
                BinOp::Mod if *y > 0 && *x >= 0 => Some(x % y),
                _ => None,
            };
            r.map(Value::Int)
        }
        (Value::Float(_), Value::Float(_))
        | (Value::Float(_), Value::Int(_))
        | (Value::Int(_), Value::Float(_)) => {
            let x = match a {
                Value::Float(f) => *f,
                Value::Int(i) => *i as f64,
                _ => return None,
            };
            let y = match b {
                Value::Float(f) => *f,
                Value::Int(i) => *i as f64,
                _ => return None,
            };
            match op {
                BinOp::Add => Some(Value::Float(x + y)),
                BinOp::Sub => Some(Value::Float(x - y)),
                BinOp::Mult => Some(Value::Float(x * y)),
                BinOp::Div if y != 0.0 => Some(Value::Float(x / y)),
                _ => None,
            }
        }
        _ => None,
    }
}

#[inline(always)]
fn fast_compare(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    let (x, y) = match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            return match op {
                CmpOp::Lt => Some(x < y),
                CmpOp::LtE => Some(x <= y),
                CmpOp::Gt => Some(x > y),
                CmpOp::GtE => Some(x >= y),
                CmpOp::Eq | CmpOp::Is => Some(x == y),
                CmpOp::NotEq | CmpOp::IsNot => Some(x != y),
                _ => None,
            }
        }
        (Value::Float(x), Value::Float(y)) => (*x, *y),
        (Value::Float(x), Value::Int(y)) if y.unsigned_abs() < (1 << 53) => (*x, *y as f64),
        (Value::Int(x), Value::Float(y)) if x.unsigned_abs() < (1 << 53) => (*x as f64, *y),
        _ => return None,
    };
    match op {
        CmpOp::Lt => Some(x < y),
        CmpOp::LtE => Some(x <= y),
        CmpOp::Gt => Some(x > y),
        CmpOp::GtE => Some(x >= y),
        CmpOp::Eq => Some(x == y),
        CmpOp::NotEq => Some(x != y),
        _ => None,
    }
}

pub enum Exit {
    Return(Value),
    Yield(Value),
    /// a green thread leaves its slice (only from a thread's outermost loop)
    Switch,
}

#[inline(never)]
fn unreachable_fn() -> ! {
    panic!("setup_call on a non-function")
}

pub fn cell_get(cell: &Value) -> Value {
    if let Value::Obj(o) = cell {
        if let Obj::Cell(c) = &**o {
            return c.borrow().clone();
        }
    }
    Value::Undef
}

pub fn cell_set(cell: &Value, v: Value) {
    if let Value::Obj(o) = cell {
        if let Obj::Cell(c) = &**o {
            *c.borrow_mut() = v;
        }
    }
}

/// Set a str key in a dict value.
pub fn dict_set_str(d: &Value, key: Value, v: Value) {
    if let Value::Obj(o) = d {
        if let Obj::Dict(d) = &**o {
            d.borrow_mut().set_strval(key, v);
        }
    }
}

pub fn dict_del_str(d: &Value, key: &Value) -> bool {
    if let Value::Obj(o) = d {
        if let Obj::Dict(d) = &**o {
            let mut d = d.borrow_mut();
            if let Some(i) = d.find_strval(key) {
                d.remove_at(i);
                return true;
            }
        }
    }
    false
}
