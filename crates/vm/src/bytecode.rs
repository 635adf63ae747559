//! The bytecode: the contract between the compiler (`compiler.rs`) and the VM (`vm.rs`).
//!
//! A [`Code`] is what the compiler produces for a module, a function, a lambda, a class body
//! or a comprehension. It is plain data (no runtime values), immutable once built and shared
//! by every thread; the VM turns its constants into runtime values once when it loads it.
//!
//! Instructions are a Rust enum (8 bytes each) indexed by position; jump targets are
//! absolute instruction indices. Stack effects are written `[before] -> [after]`, top of
//! stack (TOS) on the right.
//!
//! ## Exception handling (block stack)
//! `SetupTry(h)` pushes a *try block* recording the handler index `h` and the current stack
//! depth. If an exception is raised while the block is on top, the VM pops it, truncates the
//! value stack to the recorded depth, pushes an *active-handler block* (which remembers the
//! previously handled exception), makes the new exception the "currently handled" one (for
//! bare `raise` and `sys.exc_info()`), pushes the exception instance and jumps to `h`.
//! `PopExcept` pops the active-handler block and restores the previously handled exception.
//! If an exception escapes while an active-handler block is on top, the VM pops it (restoring
//! the previous handled exception) and keeps unwinding. `PopBlock` pops a try block on normal
//! exit from the protected body.
//!
//! `try/finally` is compiled by duplicating the finally body: once on the normal path (after
//! `PopBlock`), once in the handler (ending with `Reraise`), and inline before any `return`,
//! `break` or `continue` that leaves the protected body (the compiler unwinds its own static
//! block stack, emitting `PopBlock`/`PopExcept`/`Pop` as needed). There are no "why" codes.
//!
//! ## Names
//! * `*Fast(i)`: the frame's local slot `i` (`Code::varnames[i]`), in function scopes.
//! * `*Deref(i)`: cell `i`, where cells are `cellvars` followed by `freevars`.
//! * `*Global(i)`: the module globals, then builtins for loads; `names[i]`.
//! * `*Name(i)`: the frame's locals mapping (module level: the globals; class bodies: the
//!   class namespace), then globals, then builtins; `names[i]`.

use alloc::string::String;
use alloc::vec::Vec;

use crate::ast::{BinOp, CmpOp, UnaryOp};

/// Code flags.
pub mod flags {
    /// the code takes `*args`
    pub const VARARGS: u32 = 1 << 0;
    /// the code takes `**kwargs`
    pub const VARKEYWORDS: u32 = 1 << 1;
    /// calling it makes a generator
    pub const GENERATOR: u32 = 1 << 2;
    /// `async def`: calling it makes a coroutine
    pub const COROUTINE: u32 = 1 << 3;
    /// a function scope (locals are fast slots); absent for module and class bodies
    pub const OPTIMIZED: u32 = 1 << 4;
    /// module or class body whose locals are a mapping (`*Name` ops)
    pub const NEWLOCALS: u32 = 1 << 5;
    /// class body code
    pub const CLASS_BODY: u32 = 1 << 6;
}

/// `MakeFunction` operand bits: which extra items are on the stack (in this order, below
/// the code constant): defaults tuple, kw-defaults dict, closure tuple.
pub mod make_fn {
    pub const DEFAULTS: u32 = 1 << 0;
    pub const KWDEFAULTS: u32 = 1 << 1;
    pub const CLOSURE: u32 = 1 << 2;
}

/// `FormatValue` operand: conversion in the low 2 bits, `HAS_SPEC` if a spec is on the stack.
pub mod fmt {
    pub const CONV_NONE: u32 = 0;
    pub const CONV_STR: u32 = 1;
    pub const CONV_REPR: u32 = 2;
    pub const CONV_ASCII: u32 = 3;
    pub const HAS_SPEC: u32 = 4;
}

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    /// decimal digits, optionally with a leading '-'
    BigInt(String),
    Float(f64),
    /// real, imaginary
    Complex(f64, f64),
    Str(String),
    Bytes(Vec<u8>),
    /// used for keyword-name tuples of `CallKw` and constant tuples
    Tuple(Vec<Const>),
    /// a nested code object (function, lambda, class body, comprehension)
    Code(alloc::rc::Rc<Code>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Instr {
    Nop,

    // ---- stack manipulation
    /// `[a] -> []`
    Pop,
    /// `[a] -> [a, a]`
    Dup,
    /// `[a, b] -> [a, b, a, b]`
    Dup2,
    /// `[a, b] -> [b, a]`
    Rot2,
    /// `[a, b, c] -> [c, a, b]` (TOS moves down two)
    Rot3,
    /// `[a, b, c, d] -> [d, a, b, c]`
    Rot4,

    // ---- constants and names
    /// push `consts[i]`
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// push the cell object itself (for building closures)
    LoadClosure(u32),
    /// class body: look `freevars[i - ncellvars]`'s name up in the class namespace first,
    /// then the cell
    LoadClassDeref(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),

    // ---- attributes and items
    /// `[obj] -> [obj.names[i]]`
    LoadAttr(u32),
    /// `[value, obj] -> []` (obj.names[i] = value)
    StoreAttr(u32),
    /// `[obj] -> []`
    DeleteAttr(u32),
    /// `[obj] -> [m1, m2]`: two stack entries that `CallMethod` consumes (either an unbound
    /// function and `obj`, or the attribute value and a marker). Only `CallMethod` may
    /// consume them.
    LoadMethod(u32),
    /// `[m1, m2, arg1..argN] -> [result]`
    CallMethod(u32),
    /// `[obj, key] -> [obj[key]]`
    BinarySubscr,
    /// `[value, obj, key] -> []` (obj[key] = value)
    StoreSubscr,
    /// `[obj, key] -> []`
    DeleteSubscr,
    /// `[lower, upper] -> [slice]` (n = 2) or `[lower, upper, step] -> [slice]` (n = 3)
    BuildSlice(u32),

    // ---- operators
    /// `[a] -> [op a]`
    UnaryOp(UnaryOp),
    /// `[a, b] -> [a op b]`
    BinaryOp(BinOp),
    /// `[a, b] -> [a op= b]` (tries `__iadd__` etc. first, then the binary op)
    InplaceOp(BinOp),
    /// `[a, b] -> [a cmp b]`; `Is`, `IsNot`, `In`, `NotIn` included (`In` is `b.__contains__(a)`)
    CompareOp(CmpOp),
    /// `[exc, typ] -> [exc, bool]`: does exception `exc` match `typ` (a class or tuple)?
    /// A `typ` that is not an exception class (or tuple of them) raises `TypeError`.
    CheckExcMatch,

    // ---- building containers
    /// `[a1..aN] -> [(a1..aN)]`
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    /// `[k1, v1, .. kN, vN] -> [dict]`
    BuildMap(u32),
    /// `[v1, .. vN, keys_tuple] -> [dict]` (keys are a constant tuple)
    BuildConstKeyMap(u32),
    /// `[s1..sN] -> [s1 + .. + sN]` (f-string pieces, all str)
    BuildString(u32),
    /// `[value] -> [str]` or `[value, spec] -> [str]` when `fmt::HAS_SPEC` is set
    FormatValue(u32),
    /// comprehensions: `[.., list, (n-1 items).., value] -> [.., list, (n-1 items)..]` with
    /// `list.append(value)`, where the list is `n` entries below the value (n >= 1, counting
    /// the value's own slot as 0: i.e. the list is at stack[len - 1 - n] before the pop)
    ListAppend(u32),
    /// same shape as `ListAppend`, `set.add(value)`
    SetAdd(u32),
    /// `[.., dict, .., key, value] -> [.., dict, ..]`, dict `n` below the key
    MapAdd(u32),
    /// `[.., list, .., iterable] -> [.., list, ..]`: list.extend(iterable) (star in displays)
    ListExtend(u32),
    /// `[.., set, .., iterable] -> [.., set, ..]`
    SetUpdate(u32),
    /// `[.., dict, .., mapping] -> [.., dict, ..]`: `{**m}`
    DictUpdate(u32),
    /// like `DictUpdate` but a repeated key is a `TypeError` (`f(**a, **b)`)
    DictMerge(u32),
    /// `[list] -> [tuple]`
    ListToTuple,

    // ---- unpacking
    /// `[seq] -> [xN .. x1]` (x1 on top), `ValueError` on a length mismatch
    UnpackSequence(u32),
    /// `a, *b, c = seq`: `[seq] -> [after items.., list, before items..]`, first item on top;
    /// operand = before | (after << 8)
    UnpackEx(u32),

    // ---- control flow
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    /// if TOS is falsy jump and keep it, else pop it
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    /// `[iterable] -> [iterator]`
    GetIter,
    /// `[iterator] -> [iterator, next]`, or pop the iterator and jump when it is exhausted
    ForIter(u32),

    // ---- blocks and exceptions (see the module docs)
    SetupTry(u32),
    PopBlock,
    PopExcept,
    /// `[exc] -> raise exc` keeping its traceback (end of a finally handler, or no except
    /// clause matched)
    Reraise,
    /// `raise` (n = 0: re-raise the handled exception), `raise exc` (n = 1) or
    /// `raise exc from cause` (n = 2): `[exc, cause]`
    Raise(u32),
    /// push the `AssertionError` class
    LoadAssertionError,
    /// `[ctx] -> [exit, result]`: look up `__exit__` (bound) and call `__enter__()`
    BeforeWith,
    /// `[exit] -> []`: `exit(None, None, None)`, result discarded (normal exit of a `with`)
    WithExitNormal,
    /// `[exit, exc] -> []`: call `exit(type(exc), exc, tb)`; if the result is truthy the
    /// exception is suppressed (the active-handler block is popped as by `PopExcept`) and
    /// execution continues at the next instruction, otherwise `exc` is re-raised.
    WithExitExc,

    // ---- functions, calls, classes
    /// `[defaults?, kwdefaults?, closure?, code, qualname] -> [function]` (see `make_fn`)
    MakeFunction(u32),
    /// `[f, arg1..argN] -> [result]`
    Call(u32),
    /// `[f, arg1..argN, kwnames_tuple] -> [result]`: the last `len(kwnames)` args are
    /// keyword arguments named by the constant tuple; N counts all args
    CallKw(u32),
    /// `[f, args_tuple] -> [r]` or `[f, args_tuple, kwargs_dict] -> [r]` (operand 1)
    CallEx(u32),
    /// push the `__build_class__` builtin: called as `__build_class__(body_fn, name, *bases,
    /// **keywords)`. The body function runs with a fresh namespace dict as its locals; if the
    /// body needs a `__class__` cell (zero-arg `super()`), the body code stores that cell in
    /// the namespace as `__classcell__` before returning, and `__build_class__` fills it
    /// with the new class.
    LoadBuildClass,
    /// `[value] -> []`: return from the frame
    ReturnValue,

    // ---- generators and coroutines
    /// `[value] -> [sent]`: suspend the generator yielding `value`; on resumption push the
    /// value sent in (None for `next`)
    YieldValue,
    /// `[iterable] -> [iterator]` for `yield from` (generators and coroutines pass through)
    GetYieldFromIter,
    /// `[awaitable] -> [iterator]` for `await`: `__await__()` or a coroutine itself
    GetAwaitable,
    /// `[subiter, value] -> [result]`: send `value` into `subiter`; if it yields `v`, the
    /// frame suspends yielding `v` and re-executes this same instruction with the sent value
    /// replacing `value` on resumption; when the sub-iterator returns, push its return value.
    YieldFrom,

    // ---- imports
    /// `[level, fromlist] -> [module]`: `__import__(names[i], globals, None, fromlist, level)`
    ImportName(u32),
    /// `[module] -> [module, module.names[i]]` (ImportError if missing; tries submodule)
    ImportFrom(u32),
    /// `[module] -> []`: `from module import *`
    ImportStar,

    // ---- misc
    /// REPL: print `repr(TOS)` if it is not None, and store it in `builtins._`; pops it
    PrintExpr,
    /// class body prologue: `[..] -> [..]`, store `__module__` and `__qualname__` (consts[i])
    /// into the namespace
    SetupClassBody(u32),
}

/// A code object as the compiler produces it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Code {
    /// function/class name, `<module>`, `<lambda>`, `<listcomp>`, `<genexpr>` ...
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub first_line: u32,
    /// bitset of `flags::*`
    pub flags: u32,
    /// positional parameters including positional-only ones
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub instrs: Vec<Instr>,
    /// source line of each instruction (same length as `instrs`)
    pub lines: Vec<u32>,
    pub consts: Vec<Const>,
    /// names used by `*Name`, `*Global`, `*Attr`, `LoadMethod`, imports
    pub names: Vec<String>,
    /// local slots: parameters first (positional, kw-only, *args, **kwargs in that order)
    pub varnames: Vec<String>,
    /// variables of this scope captured by inner scopes
    pub cellvars: Vec<String>,
    /// variables of enclosing scopes used here
    pub freevars: Vec<String>,
    /// for each cellvar that is also a parameter: (cell index, varnames index); the VM
    /// copies the argument into the cell at frame start
    pub cell2arg: Vec<(u32, u32)>,
    /// the largest value-stack depth this code can reach (the VM may use it to reserve)
    pub max_stack: u32,
}

/// A [`Code`] built into the program as static data: the frozen modules
/// (`modules::frozen`), which `cargo xtask freeze` writes out as Rust source. Its tables
/// stay where the program is (flash on a board) and the VM runs its instructions and reads
/// its line numbers from there; only the runtime values (constants, names) are made in the
/// heap when it is loaded.
#[derive(Debug)]
pub struct RomCode {
    pub name: &'static str,
    pub qualname: &'static str,
    pub filename: &'static str,
    pub first_line: u32,
    pub flags: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub max_stack: u32,
    pub instrs: &'static [Instr],
    /// `(first instruction, line)` for each run of instructions on one line
    pub lines: &'static [(u32, u32)],
    pub consts: &'static [RomConst],
    pub names: &'static [&'static str],
    pub varnames: &'static [&'static str],
    pub cellvars: &'static [&'static str],
    pub freevars: &'static [&'static str],
    pub cell2arg: &'static [(u32, u32)],
}

/// A [`Const`] as static data (floats as their bits, so the source text is exact).
#[derive(Debug)]
pub enum RomConst {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    BigInt(&'static str),
    Float(u64),
    Complex(u64, u64),
    Str(&'static str),
    Bytes(&'static [u8]),
    Tuple(&'static [RomConst]),
    Code(&'static RomCode),
}

impl RomCode {
    /// Is this the same code as `code` (what the compiler makes of the module's source
    /// today)? The frozen modules' test checks it, so a stale or mis-written table fails.
    pub fn same_as(&self, code: &Code) -> bool {
        fn strs(a: &[&str], b: &[String]) -> bool {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| *x == y.as_str())
        }
        fn konst(a: &RomConst, b: &Const) -> bool {
            match (a, b) {
                (RomConst::None, Const::None)
                | (RomConst::True, Const::True)
                | (RomConst::False, Const::False)
                | (RomConst::Ellipsis, Const::Ellipsis) => true,
                (RomConst::Int(x), Const::Int(y)) => x == y,
                (RomConst::BigInt(x), Const::BigInt(y)) => *x == y.as_str(),
                (RomConst::Float(x), Const::Float(y)) => *x == y.to_bits(),
                (RomConst::Complex(r, i), Const::Complex(r2, i2)) => {
                    *r == r2.to_bits() && *i == i2.to_bits()
                }
                (RomConst::Str(x), Const::Str(y)) => *x == y.as_str(),
                (RomConst::Bytes(x), Const::Bytes(y)) => *x == y.as_slice(),
                (RomConst::Tuple(x), Const::Tuple(y)) => {
                    x.len() == y.len() && x.iter().zip(y).all(|(p, q)| konst(p, q))
                }
                (RomConst::Code(x), Const::Code(y)) => x.same_as(y),
                _ => false,
            }
        }
        self.name == code.name
            && self.qualname == code.qualname
            && self.filename == code.filename
            && self.first_line == code.first_line
            && self.flags == code.flags
            && self.argcount == code.argcount
            && self.posonlyargcount == code.posonlyargcount
            && self.kwonlyargcount == code.kwonlyargcount
            && self.max_stack == code.max_stack
            && self.instrs == code.instrs.as_slice()
            && self.lines == line_runs(&code.lines).as_slice()
            && self.consts.len() == code.consts.len()
            && self
                .consts
                .iter()
                .zip(&code.consts)
                .all(|(a, b)| konst(a, b))
            && strs(self.names, &code.names)
            && strs(self.varnames, &code.varnames)
            && strs(self.cellvars, &code.cellvars)
            && strs(self.freevars, &code.freevars)
            && self.cell2arg == code.cell2arg.as_slice()
    }
}

/// A per-instruction line table as runs `(first instruction, line)` (what [`RomCode`] keeps).
pub fn line_runs(lines: &[u32]) -> Vec<(u32, u32)> {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for (ip, &l) in lines.iter().enumerate() {
        if runs.last().map(|r| r.1) != Some(l) {
            runs.push((ip as u32, l));
        }
    }
    runs
}
