//! Code generation: AST + symbol table → [`Code`].
//!
//! One [`Unit`] per code object being built (module, class body, function, lambda,
//! comprehension); nested units are compiled to completion and become `Const::Code`s of
//! their parent. Jumps are emitted with label ids and patched when the unit is finished.
//!
//! Each unit keeps a static stack of *fblocks* (loops, try bodies, finally bodies, active
//! handlers, `with` bodies) so that `return`, `break` and `continue` can emit the unwinding
//! the block stack needs (see `unwind_fblock`).
//!
//! The expression visitor recurses on the AST; every non-trivial case lives in its own
//! out-of-line function so each recursion level costs a small Rust stack frame.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::symtable::{node_key, Scope, ScopeKind, SymbolTable};
use crate::ast::*;
use crate::bytecode::{flags, fmt, make_fn, Code, Const, Instr};
use crate::error::{CompileError, Mode};

type R = Result<(), CompileError>;

/// CPython's CO_MAXBLOCKS
const MAX_BLOCKS: usize = 20;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Label(u32);

#[derive(Clone, Copy)]
enum FBlock<'a> {
    /// `while` loop: `continue` jumps to `start`, `break` to `end`
    While { start: Label, end: Label },
    /// `for` / `async for` loop: the iterator is on the stack
    For { start: Label, end: Label },
    /// protected body of `try/except` (a try block is on the block stack)
    TryExcept,
    /// protected body of `try/finally`
    FinallyTry { body: &'a [Stmt] },
    /// finally body on the exception path: `[exc]` on the stack, an active handler block
    FinallyEnd,
    /// `with` body: a try block on the block stack, `exit` on the value stack
    With,
    /// `async with` body: a try block, the bound `__aexit__` on the value stack
    AsyncWith,
    /// except-clause body: an active handler block (and, when the clause binds a name, a
    /// try block for the name's cleanup)
    HandlerCleanup { name: Option<&'a str> },
    /// a value that must be popped (a preserved return value during an inlined finally)
    PopValue,
    /// the except-clause matching section (counts towards the nesting limit)
    ExceptionHandler,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Load,
    Store,
    Del,
}

struct Unit<'a> {
    scope: usize,
    kind: ScopeKind,
    code: Code,
    names_map: BTreeMap<String, u32>,
    labels: Vec<u32>,
    fblocks: Vec<FBlock<'a>>,
    line: u32,
}

impl Unit<'_> {
    fn new(
        scope: usize,
        kind: ScopeKind,
        name: &str,
        qualname: &str,
        filename: &str,
        line: u32,
    ) -> Box<Self> {
        Box::new(Unit {
            scope,
            kind,
            code: Code {
                name: name.to_string(),
                qualname: qualname.to_string(),
                filename: filename.to_string(),
                first_line: line,
                ..Code::default()
            },
            names_map: BTreeMap::new(),
            labels: Vec::new(),
            fblocks: Vec::new(),
            line,
        })
    }
}

struct Compiler<'a> {
    st: &'a SymbolTable,
    filename: &'a str,
    mode: Mode,
    /// boxed so that entering/leaving a unit moves a pointer, not a `Code`
    cur: Box<Unit<'a>>,
    #[allow(clippy::vec_box)]
    parents: Vec<Box<Unit<'a>>>,
}

pub fn compile(
    module: &Module,
    st: &SymbolTable,
    filename: &str,
    mode: Mode,
) -> Result<Code, CompileError> {
    let first_line = module.body.first().map(|s| s.loc.line).unwrap_or(1).max(1);
    let mut c = Compiler {
        st,
        filename,
        mode,
        cur: Unit::new(
            0,
            ScopeKind::Module,
            "<module>",
            "<module>",
            filename,
            first_line,
        ),
        parents: Vec::new(),
    };
    c.cur.code.flags = flags::NEWLOCALS;
    c.cur.code.first_line = 1; // as CPython: a module's code starts at line 1
    if mode == Mode::Eval {
        let e = match module.body.as_slice() {
            [Stmt {
                kind: StmtKind::Expr(e),
                ..
            }] => e,
            _ => {
                let loc = module.body.first().map(|s| s.loc).unwrap_or_default();
                return Err(CompileError::syntax("invalid syntax", loc.line, loc.col));
            }
        };
        c.cur.line = e.loc.line.max(1);
        c.expr(e)?;
        c.emit(Instr::ReturnValue);
    } else {
        c.stmts(&module.body)?;
        c.load_const(Const::None);
        c.emit(Instr::ReturnValue);
    }
    finish(c.cur)
}

/// Patch jumps and compute `max_stack`.
#[inline(never)]
fn finish(mut u: Box<Unit<'_>>) -> Result<Code, CompileError> {
    let labels = &u.labels;
    let bad = || CompileError::syntax("internal compiler error: unbound label", 0, 0);
    for ins in u.code.instrs.iter_mut() {
        let fix = |l: u32| -> Result<u32, CompileError> {
            match labels.get(l as usize) {
                Some(&t) if t != u32::MAX => Ok(t),
                _ => Err(bad()),
            }
        };
        *ins = match *ins {
            Instr::Jump(l) => Instr::Jump(fix(l)?),
            Instr::PopJumpIfFalse(l) => Instr::PopJumpIfFalse(fix(l)?),
            Instr::PopJumpIfTrue(l) => Instr::PopJumpIfTrue(fix(l)?),
            Instr::JumpIfFalseOrPop(l) => Instr::JumpIfFalseOrPop(fix(l)?),
            Instr::JumpIfTrueOrPop(l) => Instr::JumpIfTrueOrPop(fix(l)?),
            Instr::ForIter(l) => Instr::ForIter(fix(l)?),
            Instr::SetupTry(l) => Instr::SetupTry(fix(l)?),
            other => other,
        };
    }
    u.code.max_stack = super::stack::max_stack(&u.code)?;
    Ok(u.code)
}

fn is_const_true(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Constant(Constant::True) => true,
        ExprKind::Constant(Constant::Int(i)) => *i != 0,
        _ => false,
    }
}

/// Constants compare by value, floats bitwise (so `0.0` and `-0.0` stay distinct).
fn const_eq(a: &Const, b: &Const) -> bool {
    match (a, b) {
        (Const::Float(x), Const::Float(y)) => x.to_bits() == y.to_bits(),
        (Const::Complex(a1, a2), Const::Complex(b1, b2)) => {
            a1.to_bits() == b1.to_bits() && a2.to_bits() == b2.to_bits()
        }
        (Const::Tuple(x), Const::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| const_eq(p, q))
        }
        (Const::Code(x), Const::Code(y)) => Rc::ptr_eq(x, y),
        (Const::Tuple(_), _) | (_, Const::Tuple(_)) => false,
        _ => a == b,
    }
}

fn ast_const(c: &Constant) -> Const {
    match c {
        Constant::None => Const::None,
        Constant::True => Const::True,
        Constant::False => Const::False,
        Constant::Ellipsis => Const::Ellipsis,
        Constant::Int(i) => Const::Int(*i),
        Constant::BigInt(s) => Const::BigInt(s.clone()),
        Constant::Float(f) => Const::Float(*f),
        Constant::Imag(f) => Const::Complex(0.0, *f),
        Constant::Str(s) => Const::Str(s.clone()),
        Constant::Bytes(b) => Const::Bytes(b.clone()),
    }
}

/// Constant folding: literals, tuples of constants, and unary minus on numbers.
fn try_const(e: &Expr) -> Option<Const> {
    match &e.kind {
        ExprKind::Constant(c) => Some(ast_const(c)),
        ExprKind::Tuple(elts) => {
            let mut v = Vec::with_capacity(elts.len());
            for x in elts {
                v.push(try_const(x)?);
            }
            Some(Const::Tuple(v))
        }
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => match try_const(operand)? {
            Const::Int(i) => Some(match i.checked_neg() {
                Some(n) => Const::Int(n),
                None => Const::BigInt(format!("{}", -(i as i128))),
            }),
            Const::BigInt(s) => {
                let neg = match s.strip_prefix('-') {
                    Some(rest) => rest.to_string(),
                    None => format!("-{}", s),
                };
                Some(match neg.parse::<i64>() {
                    Ok(i) => Const::Int(i),
                    Err(_) => Const::BigInt(neg),
                })
            }
            Const::Float(f) => Some(Const::Float(-f)),
            Const::Complex(r, i) => Some(Const::Complex(-r, -i)),
            _ => None,
        },
        _ => None,
    }
}

fn is_starred(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Starred(_))
}

impl<'a> Compiler<'a> {
    // ------------------------------------------------------------------ emitting

    fn emit(&mut self, i: Instr) {
        self.cur.code.instrs.push(i);
        self.cur.code.lines.push(self.cur.line);
    }

    fn new_label(&mut self) -> Label {
        self.cur.labels.push(u32::MAX);
        Label(self.cur.labels.len() as u32 - 1)
    }

    fn bind(&mut self, l: Label) {
        let here = self.cur.code.instrs.len() as u32;
        if let Some(slot) = self.cur.labels.get_mut(l.0 as usize) {
            *slot = here;
        }
    }

    fn jump(&mut self, mk: fn(u32) -> Instr, l: Label) {
        self.emit(mk(l.0));
    }

    #[inline(never)]
    fn add_const(&mut self, c: Const) -> u32 {
        let consts = &mut self.cur.code.consts;
        if !matches!(c, Const::Code(_)) {
            if let Some(i) = consts.iter().position(|k| const_eq(k, &c)) {
                return i as u32;
            }
        }
        consts.push(c);
        consts.len() as u32 - 1
    }

    fn load_const(&mut self, c: Const) {
        let i = self.add_const(c);
        self.emit(Instr::LoadConst(i));
    }

    #[inline(never)]
    fn name_idx(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.cur.names_map.get(name) {
            return i;
        }
        let i = self.cur.code.names.len() as u32;
        self.cur.code.names.push(name.to_string());
        self.cur.names_map.insert(name.to_string(), i);
        i
    }

    #[inline(never)]
    fn err(&self, msg: impl Into<String>, loc: Loc) -> CompileError {
        let line = if loc.line != 0 {
            loc.line
        } else {
            self.cur.line
        };
        CompileError::syntax(msg, line, loc.col)
    }

    #[inline(never)]
    fn internal(&self, what: &str) -> CompileError {
        CompileError::syntax(
            format!("internal compiler error: {}", what),
            self.cur.line,
            0,
        )
    }

    // ------------------------------------------------------------------ units

    fn qualname_of_child(&self, name: &str, is_def_or_class: bool) -> String {
        // module level: plain name (stack of units has only the module)
        if self.cur.kind == ScopeKind::Module {
            return name.to_string();
        }
        if is_def_or_class
            && self.st.scopes[self.cur.scope].scope_of(name) == Some(Scope::GlobalExplicit)
        {
            return name.to_string();
        }
        if matches!(self.cur.kind, ScopeKind::Function | ScopeKind::Lambda) {
            format!("{}.<locals>.{}", self.cur.code.qualname, name)
        } else {
            format!("{}.{}", self.cur.code.qualname, name)
        }
    }

    #[inline(never)]
    fn enter_unit(&mut self, scope: usize, name: &str, qualname: &str, line: u32) {
        let kind = self.st.scopes[scope].kind;
        let line = if line == 0 { self.cur.line } else { line };
        let mut u = Unit::new(scope, kind, name, qualname, self.filename, line);
        let info = &self.st.scopes[scope];
        u.code.varnames = info.varnames.clone();
        u.code.cellvars = info.cellvars.clone();
        u.code.freevars = info.freevars.clone();
        for (ci, name) in info.cellvars.iter().enumerate() {
            if let Some(vi) = info.params.iter().position(|p| p == name) {
                u.code.cell2arg.push((ci as u32, vi as u32));
            }
        }
        let mut f = 0;
        if kind.is_function() {
            f |= flags::OPTIMIZED;
            if info.is_generator {
                f |= flags::GENERATOR;
            }
            if info.is_coroutine {
                f |= flags::COROUTINE;
            }
        } else {
            f |= flags::NEWLOCALS;
            if kind == ScopeKind::Class {
                f |= flags::CLASS_BODY;
            }
        }
        u.code.flags = f;
        let parent = core::mem::replace(&mut self.cur, u);
        self.parents.push(parent);
    }

    #[inline(never)]
    fn exit_unit(&mut self) -> Result<Rc<Code>, CompileError> {
        let Some(parent) = self.parents.pop() else {
            return Err(self.internal("unit stack underflow"));
        };
        let u = core::mem::replace(&mut self.cur, parent);
        finish(u).map(Rc::new)
    }

    fn scope_for<T>(&self, node: &T) -> Result<usize, CompileError> {
        self.st
            .scope_for(node_key(node))
            .ok_or_else(|| self.internal("scope not found"))
    }

    /// `[defaults?, kwdefaults?, closure?, code, qualname] -> [function]`
    #[inline(never)]
    fn make_closure(&mut self, code: Rc<Code>, mut fl: u32) -> R {
        if !code.freevars.is_empty() {
            for name in code.freevars.iter() {
                let idx = self.deref_index(name)?;
                self.emit(Instr::LoadClosure(idx));
            }
            self.emit(Instr::BuildTuple(code.freevars.len() as u32));
            fl |= make_fn::CLOSURE;
        }
        let qualname = code.qualname.clone();
        self.load_const(Const::Code(code));
        self.load_const(Const::Str(qualname));
        self.emit(Instr::MakeFunction(fl));
        Ok(())
    }

    #[inline(never)]
    fn deref_index(&self, name: &str) -> Result<u32, CompileError> {
        let c = &self.cur.code;
        if let Some(i) = c.cellvars.iter().position(|n| n == name) {
            return Ok(i as u32);
        }
        if let Some(i) = c.freevars.iter().position(|n| n == name) {
            return Ok((c.cellvars.len() + i) as u32);
        }
        Err(self.internal(&format!("no cell for '{}'", name)))
    }

    // ------------------------------------------------------------------ names

    #[inline(never)]
    fn name_op(&mut self, name: &str, ctx: Ctx) -> R {
        let st = self.st;
        let info = &st.scopes[self.cur.scope];
        let scope = info.scope_of(name).unwrap_or(Scope::GlobalImplicit);
        let kind = self.cur.kind;
        let ins = match scope {
            Scope::Free | Scope::Cell => {
                let i = self.deref_index(name)?;
                match ctx {
                    Ctx::Load if kind == ScopeKind::Class => Instr::LoadClassDeref(i),
                    Ctx::Load => Instr::LoadDeref(i),
                    Ctx::Store => Instr::StoreDeref(i),
                    Ctx::Del => Instr::DeleteDeref(i),
                }
            }
            Scope::Local if kind.is_function() => {
                let Some(i) = self.cur.code.varnames.iter().position(|n| n == name) else {
                    return Err(self.internal(&format!("no slot for '{}'", name)));
                };
                let i = i as u32;
                match ctx {
                    Ctx::Load => Instr::LoadFast(i),
                    Ctx::Store => Instr::StoreFast(i),
                    Ctx::Del => Instr::DeleteFast(i),
                }
            }
            Scope::GlobalExplicit | Scope::GlobalImplicit
                if scope == Scope::GlobalExplicit || kind.is_function() =>
            {
                let i = self.name_idx(name);
                match ctx {
                    Ctx::Load => Instr::LoadGlobal(i),
                    Ctx::Store => Instr::StoreGlobal(i),
                    Ctx::Del => Instr::DeleteGlobal(i),
                }
            }
            _ => {
                let i = self.name_idx(name);
                match ctx {
                    Ctx::Load => Instr::LoadName(i),
                    Ctx::Store => Instr::StoreName(i),
                    Ctx::Del => Instr::DeleteName(i),
                }
            }
        };
        self.emit(ins);
        Ok(())
    }

    // ------------------------------------------------------------------ fblocks

    fn push_fblock(&mut self, fb: FBlock<'a>, loc: Loc) -> R {
        if self.cur.fblocks.len() >= MAX_BLOCKS {
            return Err(self.err("too many statically nested blocks", loc));
        }
        self.cur.fblocks.push(fb);
        Ok(())
    }

    fn pop_fblock(&mut self) {
        self.cur.fblocks.pop();
    }

    /// Emit what leaving `fb` early needs. With `preserve_tos` a value (the return value)
    /// sits on top of the stack and must survive.
    fn unwind_fblock(&mut self, fb: FBlock<'a>, preserve_tos: bool) -> R {
        match fb {
            FBlock::While { .. } | FBlock::ExceptionHandler => {}
            FBlock::For { .. } | FBlock::PopValue => {
                if preserve_tos {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::Pop);
            }
            FBlock::TryExcept => self.emit(Instr::PopBlock),
            FBlock::FinallyTry { body } => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.push_fblock(FBlock::PopValue, Loc::default())?;
                }
                self.stmts(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::Pop);
                self.emit(Instr::PopExcept);
            }
            FBlock::With => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::WithExitNormal);
            }
            FBlock::AsyncWith => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::Rot2);
                }
                self.async_exit_normal();
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.emit(Instr::PopBlock);
                }
                self.emit(Instr::PopExcept);
                if let Some(n) = name {
                    self.clear_name(n)?;
                }
            }
        }
        Ok(())
    }

    /// Unwind the fblocks up to (not including) the innermost loop when `to_loop`, or all
    /// of them. Returns the loop block, if one was found.
    fn unwind_stack(
        &mut self,
        preserve_tos: bool,
        to_loop: bool,
    ) -> Result<Option<FBlock<'a>>, CompileError> {
        let line = self.cur.line;
        let mut popped = Vec::new();
        let mut found = None;
        let mut result = Ok(());
        while let Some(&top) = self.cur.fblocks.last() {
            if to_loop && matches!(top, FBlock::While { .. } | FBlock::For { .. }) {
                found = Some(top);
                break;
            }
            self.cur.fblocks.pop();
            popped.push(top);
            result = self.unwind_fblock(top, preserve_tos);
            if result.is_err() {
                break;
            }
        }
        while let Some(fb) = popped.pop() {
            self.cur.fblocks.push(fb);
        }
        // inlined finally bodies set their own lines; the jump/return is the statement's
        self.cur.line = line;
        result.map(|_| found)
    }

    // ------------------------------------------------------------------ statements

    fn stmts(&mut self, body: &'a [Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> R {
        if s.loc.line != 0 {
            self.cur.line = s.loc.line;
        }
        match &s.kind {
            StmtKind::Expr(e) => {
                if self.mode == Mode::Single && self.cur.kind == ScopeKind::Module {
                    self.expr(e)?;
                    self.emit(Instr::PrintExpr);
                } else if !matches!(e.kind, ExprKind::Constant(_)) {
                    self.expr(e)?;
                    self.emit(Instr::Pop);
                }
                Ok(())
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Instr::Dup);
                    }
                    self.store(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value),
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store(target)
                } else {
                    match &target.kind {
                        ExprKind::Attribute { value, .. } => {
                            self.expr(value)?;
                            self.emit(Instr::Pop);
                        }
                        ExprKind::Subscript { value, index } => {
                            self.expr(value)?;
                            self.emit(Instr::Pop);
                            self.expr(index)?;
                            self.emit(Instr::Pop);
                        }
                        _ => {}
                    }
                    Ok(())
                }
            }
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(()),
            StmtKind::Break => self.break_stmt(s.loc),
            StmtKind::Continue => self.continue_stmt(s.loc),
            StmtKind::Return(v) => self.return_stmt(v.as_ref(), s.loc),
            StmtKind::Raise { exc, cause } => {
                let n = match (exc, cause) {
                    (None, None) => 0,
                    (Some(e), None) => {
                        self.expr(e)?;
                        1
                    }
                    (Some(e), Some(c)) => {
                        self.expr(e)?;
                        self.expr(c)?;
                        2
                    }
                    (None, Some(_)) => return Err(self.err("invalid syntax", s.loc)),
                };
                self.emit(Instr::Raise(n));
                Ok(())
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.del_target(t)?;
                }
                Ok(())
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.jump_if(test, true, end)?;
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Instr::Call(1));
                }
                self.emit(Instr::Raise(1));
                self.bind(end);
                Ok(())
            }
            StmtKind::Import(names) => self.import(names),
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => self.import_from(module.as_deref(), names, *level, s.loc),
            StmtKind::If { test, body, orelse } => {
                let end = self.new_label();
                if orelse.is_empty() {
                    self.jump_if(test, false, end)?;
                    self.stmts(body)?;
                } else {
                    let other = self.new_label();
                    self.jump_if(test, false, other)?;
                    self.stmts(body)?;
                    self.jump(Instr::Jump, end);
                    self.bind(other);
                    self.stmts(orelse)?;
                }
                self.bind(end);
                Ok(())
            }
            StmtKind::While { test, body, orelse } => self.while_stmt(test, body, orelse, s.loc),
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    self.async_for(target, iter, body, orelse, s.loc)
                } else {
                    self.for_stmt(target, iter, body, orelse, s.loc)
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    if handlers.is_empty() {
                        self.stmts(body)?;
                        return self.stmts(orelse);
                    }
                    self.try_except(body, handlers, orelse, s.loc)
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, s.loc)
                }
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async && !self.in_async_function() {
                    return Err(self.err("'async with' outside async function", s.loc));
                }
                self.with_stmt(items, body, *is_async, s.loc)
            }
            StmtKind::FunctionDef(f) => self.funcdef(f, s.loc),
            StmtKind::ClassDef(c) => self.classdef(c, s.loc),
        }
    }

    fn in_async_function(&self) -> bool {
        self.cur.kind == ScopeKind::Function && self.st.scopes[self.cur.scope].is_coroutine
    }

    #[inline(never)]
    fn break_stmt(&mut self, loc: Loc) -> R {
        match self.unwind_stack(false, true)? {
            Some(fb @ FBlock::For { end, .. }) => {
                self.unwind_fblock(fb, false)?;
                self.jump(Instr::Jump, end);
                Ok(())
            }
            Some(FBlock::While { end, .. }) => {
                self.jump(Instr::Jump, end);
                Ok(())
            }
            _ => Err(self.err("'break' outside loop", loc)),
        }
    }

    #[inline(never)]
    fn continue_stmt(&mut self, loc: Loc) -> R {
        match self.unwind_stack(false, true)? {
            Some(FBlock::For { start, .. }) | Some(FBlock::While { start, .. }) => {
                self.jump(Instr::Jump, start);
                Ok(())
            }
            _ => Err(self.err("'continue' not properly in loop", loc)),
        }
    }

    #[inline(never)]
    fn return_stmt(&mut self, value: Option<&'a Expr>, loc: Loc) -> R {
        if !self.cur.kind.is_function() {
            return Err(self.err("'return' outside function", loc));
        }
        let info = &self.st.scopes[self.cur.scope];
        if let Some(v) = value {
            if info.is_generator
                && info.is_coroutine
                && !matches!(v.kind, ExprKind::Constant(Constant::None))
            {
                return Err(self.err("'return' with value in async generator", loc));
            }
            self.expr(v)?;
            self.unwind_stack(true, false)?;
        } else {
            self.unwind_stack(false, false)?;
            self.load_const(Const::None);
        }
        self.emit(Instr::ReturnValue);
        Ok(())
    }

    #[inline(never)]
    fn while_stmt(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt], loc: Loc) -> R {
        let start = self.new_label();
        let end = self.new_label();
        let other = self.new_label();
        self.bind(start);
        self.push_fblock(FBlock::While { start, end }, loc)?;
        if !is_const_true(test) {
            self.jump_if(test, false, other)?;
        }
        self.stmts(body)?;
        // the jump back belongs to the `while` line (where an interrupt shows the loop)
        self.cur.line = loc.line;
        self.jump(Instr::Jump, start);
        self.pop_fblock();
        self.bind(other);
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    #[inline(never)]
    fn for_stmt(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        loc: Loc,
    ) -> R {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.expr(iter)?;
        self.emit(Instr::GetIter);
        self.bind(start);
        self.jump(Instr::ForIter, cleanup);
        self.push_fblock(FBlock::For { start, end }, loc)?;
        self.store(target)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.cur.line = loc.line;
        self.jump(Instr::Jump, start);
        self.bind(cleanup);
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    /// `async for`:
    /// ```text
    ///         <iter>; LoadMethod __aiter__; CallMethod 0        [aiter]
    /// start:  SetupTry handler
    ///         Dup; LoadMethod __anext__; CallMethod 0
    ///         GetAwaitable; LoadConst None; YieldFrom           [aiter, value]
    ///         PopBlock
    ///         <store target>; <body>; Jump start
    /// handler:                                                  [aiter, exc]
    ///         LoadGlobal StopAsyncIteration; CheckExcMatch; PopJumpIfFalse reraise
    ///         Pop; PopExcept; Pop; <orelse>; Jump end
    /// reraise: Reraise
    /// end:
    /// ```
    #[inline(never)]
    fn async_for(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        loc: Loc,
    ) -> R {
        if !self.in_async_function() {
            return Err(self.err("'async for' outside async function", loc));
        }
        let start = self.new_label();
        let handler = self.new_label();
        let reraise = self.new_label();
        let end = self.new_label();
        self.expr(iter)?;
        let i = self.name_idx("__aiter__");
        self.emit(Instr::LoadMethod(i));
        self.emit(Instr::CallMethod(0));
        self.bind(start);
        self.jump(Instr::SetupTry, handler);
        self.push_fblock(FBlock::TryExcept, loc)?;
        self.emit(Instr::Dup);
        let i = self.name_idx("__anext__");
        self.emit(Instr::LoadMethod(i));
        self.emit(Instr::CallMethod(0));
        self.await_tos();
        self.emit(Instr::PopBlock);
        self.pop_fblock();
        self.push_fblock(FBlock::For { start, end }, loc)?;
        self.store(target)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.jump(Instr::Jump, start);
        self.bind(handler);
        let i = self.name_idx("StopAsyncIteration");
        self.emit(Instr::LoadGlobal(i));
        self.emit(Instr::CheckExcMatch);
        self.jump(Instr::PopJumpIfFalse, reraise);
        self.emit(Instr::Pop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Pop);
        self.stmts(orelse)?;
        self.jump(Instr::Jump, end);
        self.bind(reraise);
        self.emit(Instr::Reraise);
        self.bind(end);
        Ok(())
    }

    /// `[awaitable] -> [result]`
    fn await_tos(&mut self) {
        self.emit(Instr::GetAwaitable);
        self.load_const(Const::None);
        self.emit(Instr::YieldFrom);
    }

    /// `[aexit] -> []`: `await aexit(None, None, None)`, result discarded
    fn async_exit_normal(&mut self) {
        self.load_const(Const::None);
        self.emit(Instr::Dup);
        self.emit(Instr::Dup);
        self.emit(Instr::Call(3));
        self.await_tos();
        self.emit(Instr::Pop);
    }

    /// ```text
    ///         SetupTry handler            (fblock TryExcept)
    ///         <body>
    ///         PopBlock
    ///         <orelse>
    ///         Jump end
    /// handler:                            [exc], active-handler block
    ///         <type>; CheckExcMatch; PopJumpIfFalse next      (per typed clause)
    ///         Pop  |  <store name>; SetupTry cleanup
    ///         <clause body>
    ///         PopExcept  |  PopBlock; PopExcept; name = None; del name
    ///         Jump end
    /// cleanup:                            (named clauses only) [exc2]
    ///         name = None; del name; Reraise
    /// next:   ...
    ///         Reraise                     (no clause matched)
    /// end:
    /// ```
    #[inline(never)]
    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        loc: Loc,
    ) -> R {
        let handler = self.new_label();
        let end = self.new_label();
        self.jump(Instr::SetupTry, handler);
        self.push_fblock(FBlock::TryExcept, loc)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.emit(Instr::PopBlock);
        self.stmts(orelse)?;
        self.jump(Instr::Jump, end);
        self.bind(handler);
        self.push_fblock(FBlock::ExceptionHandler, loc)?;
        for (i, h) in handlers.iter().enumerate() {
            if h.loc.line != 0 {
                self.cur.line = h.loc.line;
            }
            if h.typ.is_none() && i + 1 < handlers.len() {
                return Err(self.err("default 'except:' must be last", h.loc));
            }
            let next = self.new_label();
            if let Some(t) = &h.typ {
                self.expr(t)?;
                self.emit(Instr::CheckExcMatch);
                self.jump(Instr::PopJumpIfFalse, next);
            }
            if let Some(name) = &h.name {
                let cleanup = self.new_label();
                self.name_op(name, Ctx::Store)?;
                self.jump(Instr::SetupTry, cleanup);
                self.push_fblock(FBlock::HandlerCleanup { name: Some(name) }, h.loc)?;
                self.stmts(&h.body)?;
                self.pop_fblock();
                self.emit(Instr::PopBlock);
                self.emit(Instr::PopExcept);
                self.clear_name(name)?;
                self.jump(Instr::Jump, end);
                self.bind(cleanup);
                self.clear_name(name)?;
                self.emit(Instr::Reraise);
            } else {
                self.emit(Instr::Pop);
                self.push_fblock(FBlock::HandlerCleanup { name: None }, h.loc)?;
                self.stmts(&h.body)?;
                self.pop_fblock();
                self.emit(Instr::PopExcept);
                self.jump(Instr::Jump, end);
            }
            self.bind(next);
        }
        self.pop_fblock();
        self.emit(Instr::Reraise);
        self.bind(end);
        Ok(())
    }

    /// `name = None; del name`
    fn clear_name(&mut self, name: &str) -> R {
        self.load_const(Const::None);
        self.name_op(name, Ctx::Store)?;
        self.name_op(name, Ctx::Del)
    }

    /// ```text
    ///         SetupTry handler            (fblock FinallyTry)
    ///         <body, or the try/except>
    ///         PopBlock
    ///         <finalbody>
    ///         Jump end
    /// handler:                            [exc]   (fblock FinallyEnd)
    ///         <finalbody>
    ///         Reraise
    /// end:
    /// ```
    #[inline(never)]
    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        loc: Loc,
    ) -> R {
        let handler = self.new_label();
        let end = self.new_label();
        self.jump(Instr::SetupTry, handler);
        self.push_fblock(FBlock::FinallyTry { body: finalbody }, loc)?;
        if handlers.is_empty() {
            self.stmts(body)?;
            self.stmts(orelse)?;
        } else {
            self.try_except(body, handlers, orelse, loc)?;
        }
        self.pop_fblock();
        self.emit(Instr::PopBlock);
        self.stmts(finalbody)?;
        self.jump(Instr::Jump, end);
        self.bind(handler);
        self.push_fblock(FBlock::FinallyEnd, loc)?;
        self.stmts(finalbody)?;
        self.pop_fblock();
        self.emit(Instr::Reraise);
        self.bind(end);
        Ok(())
    }

    /// ```text
    ///         <ctx>; BeforeWith           [exit, value]
    ///         <store target> | Pop        [exit]
    ///         SetupTry handler            (fblock With)
    ///         <body>
    ///         PopBlock
    ///         WithExitNormal              []
    ///         Jump end
    /// handler:                            [exit, exc]
    ///         WithExitExc                 [] (suppressed) or re-raises
    /// end:
    /// ```
    #[inline(never)]
    fn with_stmt(
        &mut self,
        items: &'a [WithItem],
        body: &'a [Stmt],
        is_async: bool,
        loc: Loc,
    ) -> R {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let handler = self.new_label();
        let end = self.new_label();
        self.expr(&item.context)?;
        if is_async {
            // [ctx] -> [aexit, value]
            self.emit(Instr::Dup);
            let i = self.name_idx("__aexit__");
            self.emit(Instr::LoadAttr(i));
            self.emit(Instr::Rot2);
            let i = self.name_idx("__aenter__");
            self.emit(Instr::LoadMethod(i));
            self.emit(Instr::CallMethod(0));
            self.await_tos();
        } else {
            self.emit(Instr::BeforeWith);
        }
        match &item.target {
            Some(t) => self.store(t)?,
            None => self.emit(Instr::Pop),
        }
        self.jump(Instr::SetupTry, handler);
        self.push_fblock(
            if is_async {
                FBlock::AsyncWith
            } else {
                FBlock::With
            },
            loc,
        )?;
        if rest.is_empty() {
            self.stmts(body)?;
        } else {
            self.with_stmt(rest, body, is_async, loc)?;
        }
        self.pop_fblock();
        self.emit(Instr::PopBlock);
        if is_async {
            self.async_exit_normal();
        } else {
            self.emit(Instr::WithExitNormal);
        }
        self.jump(Instr::Jump, end);
        self.bind(handler);
        if is_async {
            // [aexit, exc] -> await aexit(type(exc), exc, None); suppress if true
            let suppress = self.new_label();
            self.emit(Instr::Rot2); // [exc, aexit]
            self.emit(Instr::Dup2); // [exc, aexit, exc, aexit]
            self.emit(Instr::Pop); // [exc, aexit, exc]
            self.emit(Instr::Dup); // [exc, aexit, exc, exc]
            let i = self.name_idx("__class__");
            self.emit(Instr::LoadAttr(i)); // [exc, aexit, exc, type]
            self.emit(Instr::Rot2); // [exc, aexit, type, exc]
            self.load_const(Const::None);
            self.emit(Instr::Call(3)); // [exc, awaitable]
            self.await_tos(); // [exc, result]
            self.jump(Instr::PopJumpIfTrue, suppress);
            self.emit(Instr::Reraise);
            self.bind(suppress);
            self.emit(Instr::Pop);
            self.emit(Instr::PopExcept);
        } else {
            self.emit(Instr::WithExitExc);
        }
        self.bind(end);
        Ok(())
    }

    #[inline(never)]
    fn import(&mut self, names: &'a [Alias]) -> R {
        for a in names {
            self.load_const(Const::Int(0));
            self.load_const(Const::None);
            let i = self.name_idx(&a.name);
            self.emit(Instr::ImportName(i));
            match &a.asname {
                Some(asname) => {
                    for part in a.name.split('.').skip(1) {
                        let i = self.name_idx(part);
                        self.emit(Instr::ImportFrom(i));
                        self.emit(Instr::Rot2);
                        self.emit(Instr::Pop);
                    }
                    self.name_op(asname, Ctx::Store)?;
                }
                None => {
                    let top = a.name.split('.').next().unwrap_or("");
                    self.name_op(top, Ctx::Store)?;
                }
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn import_from(&mut self, module: Option<&str>, names: &'a [Alias], level: u32, loc: Loc) -> R {
        let star = names.iter().any(|a| a.name == "*");
        if star && names.len() != 1 {
            return Err(self.err("invalid syntax", loc));
        }
        self.load_const(Const::Int(level as i64));
        let fromlist = names.iter().map(|a| Const::Str(a.name.clone())).collect();
        self.load_const(Const::Tuple(fromlist));
        let i = self.name_idx(module.unwrap_or(""));
        self.emit(Instr::ImportName(i));
        if star {
            if self.cur.kind != ScopeKind::Module {
                return Err(self.err("import * only allowed at module level", loc));
            }
            self.emit(Instr::ImportStar);
            return Ok(());
        }
        for a in names {
            let i = self.name_idx(&a.name);
            self.emit(Instr::ImportFrom(i));
            self.name_op(a.asname.as_deref().unwrap_or(&a.name), Ctx::Store)?;
        }
        self.emit(Instr::Pop);
        Ok(())
    }

    // ------------------------------------------------------------------ definitions

    /// Push the defaults tuple and kw-defaults dict; returns the `make_fn` bits.
    fn defaults(&mut self, a: &'a Arguments, loc: Loc) -> Result<u32, CompileError> {
        let mut fl = 0;
        let mut seen_default = false;
        let mut defaults = Vec::new();
        for p in a.posonly.iter().chain(a.args.iter()) {
            match &p.default {
                Some(d) => {
                    seen_default = true;
                    defaults.push(d);
                }
                None if seen_default => {
                    return Err(self.err("non-default argument follows default argument", p.loc));
                }
                None => {}
            }
        }
        if !defaults.is_empty() {
            let consts: Option<Vec<Const>> = defaults.iter().map(|d| try_const(d)).collect();
            match consts {
                Some(c) => self.load_const(Const::Tuple(c)),
                None => {
                    for d in defaults.iter() {
                        self.expr(d)?;
                    }
                    self.emit(Instr::BuildTuple(defaults.len() as u32));
                }
            }
            fl |= make_fn::DEFAULTS;
        }
        let mut n = 0;
        for p in a.kwonly.iter() {
            if let Some(d) = &p.default {
                self.load_const(Const::Str(p.name.clone()));
                self.expr(d)?;
                n += 1;
            }
        }
        if n > 0 {
            self.emit(Instr::BuildMap(n));
            fl |= make_fn::KWDEFAULTS;
        }
        let _ = loc;
        Ok(fl)
    }

    fn set_arg_counts(&mut self, a: &Arguments) {
        let c = &mut self.cur.code;
        c.argcount = (a.posonly.len() + a.args.len()) as u32;
        c.posonlyargcount = a.posonly.len() as u32;
        c.kwonlyargcount = a.kwonly.len() as u32;
        if a.vararg.is_some() {
            c.flags |= flags::VARARGS;
        }
        if a.kwarg.is_some() {
            c.flags |= flags::VARKEYWORDS;
        }
    }

    #[inline(never)]
    fn funcdef(&mut self, f: &'a FunctionDef, loc: Loc) -> R {
        let scope = self.scope_for(f)?;
        for d in &f.decorators {
            self.expr(d)?;
        }
        let fl = self.defaults(&f.args, loc)?;
        let qualname = self.qualname_of_child(&f.name, true);
        self.enter_unit(scope, &f.name, &qualname, loc.line);
        self.set_arg_counts(&f.args);
        self.stmts(&f.body)?;
        self.load_const(Const::None);
        self.emit(Instr::ReturnValue);
        let code = self.exit_unit()?;
        self.make_closure(code, fl)?;
        for _ in &f.decorators {
            self.emit(Instr::Call(1));
        }
        self.name_op(&f.name, Ctx::Store)
    }

    #[inline(never)]
    fn classdef(&mut self, c: &'a ClassDef, loc: Loc) -> R {
        let scope = self.scope_for(c)?;
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.emit(Instr::LoadBuildClass);
        let qualname = self.qualname_of_child(&c.name, true);
        self.enter_unit(scope, &c.name, &qualname, loc.line);
        let qi = self.add_const(Const::Str(qualname.clone()));
        self.emit(Instr::SetupClassBody(qi));
        self.stmts(&c.body)?;
        if self.st.scopes[scope].needs_class_closure {
            let cell = self.deref_index("__class__")?;
            self.emit(Instr::LoadClosure(cell));
            let i = self.name_idx("__classcell__");
            self.emit(Instr::StoreName(i));
        }
        self.load_const(Const::None);
        self.emit(Instr::ReturnValue);
        let code = self.exit_unit()?;
        self.make_closure(code, 0)?;
        self.load_const(Const::Str(c.name.clone()));
        self.call_args(2, &c.bases, &c.keywords, loc)?;
        for _ in &c.decorators {
            self.emit(Instr::Call(1));
        }
        self.name_op(&c.name, Ctx::Store)
    }

    #[inline(never)]
    fn lambda(&mut self, e: &'a Expr, args: &'a Arguments, body: &'a Expr) -> R {
        let scope = self.scope_for(e)?;
        let fl = self.defaults(args, e.loc)?;
        let qualname = self.qualname_of_child("<lambda>", false);
        self.enter_unit(scope, "<lambda>", &qualname, e.loc.line);
        self.set_arg_counts(args);
        self.expr(body)?;
        if self.st.scopes[scope].is_generator {
            self.emit(Instr::Pop);
            self.load_const(Const::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.exit_unit()?;
        self.make_closure(code, fl)
    }

    // ------------------------------------------------------------------ targets

    #[inline(never)]
    fn store(&mut self, t: &'a Expr) -> R {
        match &t.kind {
            ExprKind::Name(n) => self.name_op(n, Ctx::Store),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Instr::StoreAttr(i));
                Ok(())
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::StoreSubscr);
                Ok(())
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => self.unpack(elts, t.loc),
            ExprKind::Starred(_) => Err(self.err(
                "starred assignment target must be in a list or tuple",
                t.loc,
            )),
            ExprKind::Constant(_) => Err(self.err("cannot assign to literal", t.loc)),
            ExprKind::Call { .. } => Err(self.err("cannot assign to function call", t.loc)),
            _ => Err(self.err("cannot assign to expression", t.loc)),
        }
    }

    #[inline(never)]
    fn unpack(&mut self, elts: &'a [Expr], loc: Loc) -> R {
        let mut star = None;
        for (i, e) in elts.iter().enumerate() {
            if is_starred(e) {
                if star.is_some() {
                    return Err(self.err("multiple starred expressions in assignment", e.loc));
                }
                star = Some(i);
            }
        }
        match star {
            Some(i) => {
                let before = i;
                let after = elts.len() - i - 1;
                if before >= 256 || after >= (1 << 23) {
                    return Err(self.err("too many expressions in star-unpacking assignment", loc));
                }
                self.emit(Instr::UnpackEx((before | (after << 8)) as u32));
            }
            None => self.emit(Instr::UnpackSequence(elts.len() as u32)),
        }
        for e in elts {
            match &e.kind {
                ExprKind::Starred(inner) => self.store(inner)?,
                _ => self.store(e)?,
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn del_target(&mut self, t: &'a Expr) -> R {
        match &t.kind {
            ExprKind::Name(n) => self.name_op(n, Ctx::Del),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Instr::DeleteAttr(i));
                Ok(())
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::DeleteSubscr);
                Ok(())
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for e in elts {
                    self.del_target(e)?;
                }
                Ok(())
            }
            _ => Err(self.err("cannot delete expression", t.loc)),
        }
    }

    #[inline(never)]
    fn aug_assign(&mut self, target: &'a Expr, op: BinOp, value: &'a Expr) -> R {
        match &target.kind {
            ExprKind::Name(n) => {
                self.name_op(n, Ctx::Load)?;
                self.expr(value)?;
                self.emit(Instr::InplaceOp(op));
                self.name_op(n, Ctx::Store)
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Instr::Dup);
                let i = self.name_idx(attr);
                self.emit(Instr::LoadAttr(i));
                self.expr(value)?;
                self.emit(Instr::InplaceOp(op));
                self.emit(Instr::Rot2);
                self.emit(Instr::StoreAttr(i));
                Ok(())
            }
            ExprKind::Subscript { value: obj, index } => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Instr::Dup2);
                self.emit(Instr::BinarySubscr);
                self.expr(value)?;
                self.emit(Instr::InplaceOp(op));
                self.emit(Instr::Rot3);
                self.emit(Instr::StoreSubscr);
                Ok(())
            }
            _ => Err(self.err(
                "'expression' is an illegal expression for augmented assignment",
                target.loc,
            )),
        }
    }

    // ------------------------------------------------------------------ expressions

    fn expr(&mut self, e: &'a Expr) -> R {
        let saved = self.cur.line;
        if e.loc.line != 0 {
            self.cur.line = e.loc.line;
        }
        let r = self.expr_inner(e);
        self.cur.line = saved;
        r
    }

    #[inline(never)]
    fn expr_inner(&mut self, e: &'a Expr) -> R {
        match &e.kind {
            ExprKind::Constant(c) => {
                self.load_const(ast_const(c));
                Ok(())
            }
            ExprKind::Name(n) => self.name_op(n, Ctx::Load),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Instr::LoadAttr(i));
                Ok(())
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::BinarySubscr);
                Ok(())
            }
            ExprKind::BinOp { left, op, right } => {
                if matches!(left.kind, ExprKind::BinOp { .. }) {
                    return self.binop_chain(e);
                }
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Instr::BinaryOp(*op));
                Ok(())
            }
            ExprKind::UnaryOp { op, operand } => self.unary(e, *op, operand),
            ExprKind::BoolOp { op, values } => self.boolop(*op, values),
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Instr::Dup);
                self.name_op(target, Ctx::Store)
            }
            ExprKind::Lambda { args, body } => self.lambda(e, args, body),
            ExprKind::IfExp { test, body, orelse } => self.ifexp(test, body, orelse),
            ExprKind::Dict { keys, values } => self.dict(keys, values, e.loc),
            ExprKind::Set(elts) => self.set_display(elts),
            ExprKind::List(elts) => self.list_display(elts),
            ExprKind::Tuple(elts) => self.tuple_display(e, elts),
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, CompKind::List, generators, elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, CompKind::Set, generators, elt, None)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, CompKind::Dict, generators, key, Some(value)),
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, CompKind::Gen, generators, elt, None)
            }
            ExprKind::Await(v) => {
                self.expr(v)?;
                self.await_tos();
                Ok(())
            }
            ExprKind::Yield(v) => {
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Const::None),
                }
                self.emit(Instr::YieldValue);
                Ok(())
            }
            ExprKind::YieldFrom(v) => {
                self.expr(v)?;
                self.emit(Instr::GetYieldFromIter);
                self.load_const(Const::None);
                self.emit(Instr::YieldFrom);
                Ok(())
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators, e.loc),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords, e.loc),
            ExprKind::JoinedStr(parts) => self.joined_str(parts),
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => self.formatted_value(value, *conversion, format_spec.as_deref(), e.loc),
            ExprKind::Starred(_) => Err(self.err("can't use starred expression here", e.loc)),
            ExprKind::Slice { lower, upper, step } => {
                for p in [lower, upper] {
                    match p {
                        Some(x) => self.expr(x)?,
                        None => self.load_const(Const::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Instr::BuildSlice(3));
                    }
                    None => self.emit(Instr::BuildSlice(2)),
                }
                Ok(())
            }
        }
    }

    /// `a + b + c + ...` parses as a left-nested chain; walk its spine iteratively so a
    /// long chain costs no Rust stack.
    #[inline(never)]
    fn binop_chain(&mut self, e: &'a Expr) -> R {
        let mut spine = Vec::new();
        let mut cur = e;
        while let ExprKind::BinOp { left, .. } = &cur.kind {
            spine.push(cur);
            cur = left;
        }
        self.expr(cur)?;
        let saved = self.cur.line;
        for node in spine.iter().rev() {
            if let ExprKind::BinOp { op, right, .. } = &node.kind {
                self.expr(right)?;
                if node.loc.line != 0 {
                    self.cur.line = node.loc.line;
                }
                self.emit(Instr::BinaryOp(*op));
                self.cur.line = saved;
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn unary(&mut self, e: &'a Expr, op: UnaryOp, operand: &'a Expr) -> R {
        if op == UnaryOp::USub {
            if let Some(c) = try_const(e) {
                self.load_const(c);
                return Ok(());
            }
        }
        self.expr(operand)?;
        self.emit(Instr::UnaryOp(op));
        Ok(())
    }

    #[inline(never)]
    fn boolop(&mut self, op: BoolOpKind, values: &'a [Expr]) -> R {
        let Some((last, rest)) = values.split_last() else {
            return Err(self.internal("empty boolean operation"));
        };
        let end = self.new_label();
        for v in rest {
            self.expr(v)?;
            match op {
                BoolOpKind::And => self.jump(Instr::JumpIfFalseOrPop, end),
                BoolOpKind::Or => self.jump(Instr::JumpIfTrueOrPop, end),
            }
        }
        self.expr(last)?;
        self.bind(end);
        Ok(())
    }

    #[inline(never)]
    fn ifexp(&mut self, test: &'a Expr, body: &'a Expr, orelse: &'a Expr) -> R {
        let other = self.new_label();
        let end = self.new_label();
        self.jump_if(test, false, other)?;
        self.expr(body)?;
        self.jump(Instr::Jump, end);
        self.bind(other);
        self.expr(orelse)?;
        self.bind(end);
        Ok(())
    }

    /// Jump to `target` if the truth of `e` equals `cond`; fall through otherwise. Net
    /// stack effect 0 on both paths.
    #[inline(never)]
    fn jump_if(&mut self, e: &'a Expr, cond: bool, target: Label) -> R {
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => self.jump_if(operand, !cond, target),
            ExprKind::BoolOp { op, values } if !values.is_empty() => {
                let is_and = *op == BoolOpKind::And;
                let n = values.len();
                if is_and != cond {
                    // `and` jumping on false / `or` jumping on true: any operand decides
                    for v in values {
                        self.jump_if(v, cond, target)?;
                    }
                } else {
                    let next = self.new_label();
                    for v in &values[..n - 1] {
                        self.jump_if(v, !cond, next)?;
                    }
                    self.jump_if(&values[n - 1], cond, target)?;
                    self.bind(next);
                }
                Ok(())
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } if ops.len() == 1 && comparators.len() == 1 => {
                let saved = self.cur.line;
                if e.loc.line != 0 {
                    self.cur.line = e.loc.line;
                }
                self.expr(left)?;
                self.expr(&comparators[0])?;
                self.emit(Instr::CompareOp(ops[0]));
                self.jump(
                    if cond {
                        Instr::PopJumpIfTrue
                    } else {
                        Instr::PopJumpIfFalse
                    },
                    target,
                );
                self.cur.line = saved;
                Ok(())
            }
            _ => {
                self.expr(e)?;
                self.jump(
                    if cond {
                        Instr::PopJumpIfTrue
                    } else {
                        Instr::PopJumpIfFalse
                    },
                    target,
                );
                Ok(())
            }
        }
    }

    /// `a < b < c`: `a; b; Dup; Rot3; Cmp; JumpIfFalseOrPop cleanup; c; Cmp; Jump end;
    /// cleanup: Rot2; Pop; end:`
    #[inline(never)]
    fn compare(
        &mut self,
        left: &'a Expr,
        ops: &'a [CmpOp],
        comparators: &'a [Expr],
        loc: Loc,
    ) -> R {
        if ops.is_empty() || ops.len() != comparators.len() {
            return Err(self.err("invalid comparison", loc));
        }
        self.expr(left)?;
        let n = ops.len();
        if n == 1 {
            self.expr(&comparators[0])?;
            self.emit(Instr::CompareOp(ops[0]));
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for i in 0..n - 1 {
            self.expr(&comparators[i])?;
            self.emit(Instr::Dup);
            self.emit(Instr::Rot3);
            self.emit(Instr::CompareOp(ops[i]));
            self.jump(Instr::JumpIfFalseOrPop, cleanup);
        }
        self.expr(&comparators[n - 1])?;
        self.emit(Instr::CompareOp(ops[n - 1]));
        self.jump(Instr::Jump, end);
        self.bind(cleanup);
        self.emit(Instr::Rot2);
        self.emit(Instr::Pop);
        self.bind(end);
        Ok(())
    }

    fn check_keywords(&self, keywords: &[Keyword], loc: Loc) -> R {
        for (i, k) in keywords.iter().enumerate() {
            if let Some(name) = &k.arg {
                if keywords[i + 1..]
                    .iter()
                    .any(|o| o.arg.as_deref() == Some(name))
                {
                    return Err(self.err(
                        format!("keyword argument repeated: {}", name),
                        k.value.loc.or(loc),
                    ));
                }
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn call(&mut self, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword], loc: Loc) -> R {
        let has_star = args.iter().any(is_starred) || keywords.iter().any(|k| k.arg.is_none());
        if !has_star && keywords.is_empty() {
            if let ExprKind::Attribute { value, attr } = &func.kind {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Instr::LoadMethod(i));
                for a in args {
                    self.expr(a)?;
                }
                self.emit(Instr::CallMethod(args.len() as u32));
                return Ok(());
            }
        }
        self.expr(func)?;
        self.call_args(0, args, keywords, loc)
    }

    /// Emit the arguments and the call, with `n_pre` positional arguments already pushed
    /// above the callable.
    #[inline(never)]
    fn call_args(&mut self, n_pre: u32, args: &'a [Expr], keywords: &'a [Keyword], loc: Loc) -> R {
        if keywords.is_empty() && !args.iter().any(is_starred) {
            for a in args {
                self.expr(a)?;
            }
            self.emit(Instr::Call(n_pre + args.len() as u32));
            return Ok(());
        }
        self.call_args_kw(n_pre, args, keywords, loc)
    }

    #[inline(never)]
    fn call_args_kw(
        &mut self,
        n_pre: u32,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        loc: Loc,
    ) -> R {
        self.check_keywords(keywords, loc)?;
        let has_star = args.iter().any(is_starred) || keywords.iter().any(|k| k.arg.is_none());
        if !has_star {
            for a in args {
                self.expr(a)?;
            }
            let n = n_pre + args.len() as u32;
            let mut names = Vec::with_capacity(keywords.len());
            for k in keywords {
                self.expr(&k.value)?;
                names.push(Const::Str(k.arg.clone().unwrap_or_default()));
            }
            self.load_const(Const::Tuple(names));
            self.emit(Instr::CallKw(n + keywords.len() as u32));
            return Ok(());
        }
        // positional arguments as a tuple
        let leading = args.iter().take_while(|a| !is_starred(a)).count();
        for a in &args[..leading] {
            self.expr(a)?;
        }
        self.emit(Instr::BuildList(n_pre + leading as u32));
        for a in &args[leading..] {
            match &a.kind {
                ExprKind::Starred(v) => {
                    self.expr(v)?;
                    self.emit(Instr::ListExtend(1));
                }
                _ => {
                    self.expr(a)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        self.emit(Instr::ListToTuple);
        if keywords.is_empty() {
            self.emit(Instr::CallEx(0));
            return Ok(());
        }
        // keyword arguments as a dict
        let mut have_dict = false;
        let mut group = 0u32;
        for k in keywords {
            match &k.arg {
                Some(name) => {
                    self.load_const(Const::Str(name.clone()));
                    self.expr(&k.value)?;
                    group += 1;
                }
                None => {
                    if group > 0 {
                        self.emit(Instr::BuildMap(group));
                        if have_dict {
                            self.emit(Instr::DictMerge(1));
                        }
                        have_dict = true;
                        group = 0;
                    }
                    if !have_dict {
                        self.emit(Instr::BuildMap(0));
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.emit(Instr::DictMerge(1));
                }
            }
        }
        if group > 0 {
            self.emit(Instr::BuildMap(group));
            if have_dict {
                self.emit(Instr::DictMerge(1));
            }
        }
        self.emit(Instr::CallEx(1));
        Ok(())
    }

    #[inline(never)]
    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr], loc: Loc) -> R {
        if keys.len() != values.len() {
            return Err(self.err("invalid dict display", loc));
        }
        let first_star = keys.iter().position(|k| k.is_none()).unwrap_or(keys.len());
        for (k, v) in keys[..first_star].iter().zip(values) {
            if let Some(k) = k {
                self.expr(k)?;
            }
            self.expr(v)?;
        }
        self.emit(Instr::BuildMap(first_star as u32));
        for (k, v) in keys[first_star..].iter().zip(&values[first_star..]) {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Instr::MapAdd(1));
                }
                None => {
                    self.expr(v)?;
                    self.emit(Instr::DictUpdate(1));
                }
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn set_display(&mut self, elts: &'a [Expr]) -> R {
        let leading = elts.iter().take_while(|a| !is_starred(a)).count();
        for a in &elts[..leading] {
            self.expr(a)?;
        }
        self.emit(Instr::BuildSet(leading as u32));
        for a in &elts[leading..] {
            match &a.kind {
                ExprKind::Starred(v) => {
                    self.expr(v)?;
                    self.emit(Instr::SetUpdate(1));
                }
                _ => {
                    self.expr(a)?;
                    self.emit(Instr::SetAdd(1));
                }
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn list_display(&mut self, elts: &'a [Expr]) -> R {
        let leading = elts.iter().take_while(|a| !is_starred(a)).count();
        for a in &elts[..leading] {
            self.expr(a)?;
        }
        self.emit(Instr::BuildList(leading as u32));
        for a in &elts[leading..] {
            match &a.kind {
                ExprKind::Starred(v) => {
                    self.expr(v)?;
                    self.emit(Instr::ListExtend(1));
                }
                _ => {
                    self.expr(a)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn tuple_display(&mut self, e: &'a Expr, elts: &'a [Expr]) -> R {
        if !elts.is_empty() || matches!(e.kind, ExprKind::Tuple(_)) {
            if let Some(c) = try_const(e) {
                self.load_const(c);
                return Ok(());
            }
        }
        if elts.iter().any(is_starred) {
            self.list_display(elts)?;
            self.emit(Instr::ListToTuple);
        } else {
            for a in elts {
                self.expr(a)?;
            }
            self.emit(Instr::BuildTuple(elts.len() as u32));
        }
        Ok(())
    }

    #[inline(never)]
    fn joined_str(&mut self, parts: &'a [Expr]) -> R {
        match parts {
            [] => {
                self.load_const(Const::Str(String::new()));
                return Ok(());
            }
            [single] => return self.expr(single),
            _ => {}
        }
        for p in parts {
            self.expr(p)?;
        }
        self.emit(Instr::BuildString(parts.len() as u32));
        Ok(())
    }

    #[inline(never)]
    fn formatted_value(
        &mut self,
        value: &'a Expr,
        conv: Option<char>,
        spec: Option<&'a Expr>,
        loc: Loc,
    ) -> R {
        self.expr(value)?;
        let mut op = match conv {
            None => fmt::CONV_NONE,
            Some('s') => fmt::CONV_STR,
            Some('r') => fmt::CONV_REPR,
            Some('a') => fmt::CONV_ASCII,
            Some(c) => {
                return Err(self.err(
                    format!(
                        "f-string: invalid conversion character '{}': expected 's', 'r', or 'a'",
                        c
                    ),
                    loc,
                ))
            }
        };
        if let Some(s) = spec {
            self.expr(s)?;
            op |= fmt::HAS_SPEC;
        }
        self.emit(Instr::FormatValue(op));
        Ok(())
    }

    #[inline(never)]
    fn comprehension(
        &mut self,
        e: &'a Expr,
        kind: CompKind,
        generators: &'a [Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> R {
        let scope = self.scope_for(e)?;
        let Some(first) = generators.first() else {
            return Err(self.err("comprehension without a 'for' clause", e.loc));
        };
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Gen => "<genexpr>",
        };
        let qualname = self.qualname_of_child(name, false);
        self.enter_unit(scope, name, &qualname, e.loc.line);
        self.cur.code.argcount = 1;
        match kind {
            CompKind::List => self.emit(Instr::BuildList(0)),
            CompKind::Set => self.emit(Instr::BuildSet(0)),
            CompKind::Dict => self.emit(Instr::BuildMap(0)),
            CompKind::Gen => {}
        }
        self.comp_generator(generators, 0, kind, elt, value)?;
        if kind == CompKind::Gen {
            self.load_const(Const::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.exit_unit()?;
        self.make_closure(code, 0)?;
        self.expr(&first.iter)?;
        self.emit(Instr::GetIter);
        self.emit(Instr::Call(1));
        Ok(())
    }

    #[inline(never)]
    fn comp_generator(
        &mut self,
        generators: &'a [Comprehension],
        i: usize,
        kind: CompKind,
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> R {
        let Some(g) = generators.get(i) else {
            return Err(self.internal("comprehension"));
        };
        let start = self.new_label();
        let anchor = self.new_label();
        if i == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            self.expr(&g.iter)?;
            self.emit(Instr::GetIter);
        }
        self.bind(start);
        self.jump(Instr::ForIter, anchor);
        self.store(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, start)?;
        }
        if i + 1 < generators.len() {
            self.comp_generator(generators, i + 1, kind, elt, value)?;
        } else {
            // [collection, iter_0 .. iter_i, value]: the collection is i + 2 below the value
            let depth = i as u32 + 2;
            match kind {
                CompKind::List => {
                    self.expr(elt)?;
                    self.emit(Instr::ListAppend(depth));
                }
                CompKind::Set => {
                    self.expr(elt)?;
                    self.emit(Instr::SetAdd(depth));
                }
                CompKind::Dict => {
                    self.expr(elt)?;
                    match value {
                        Some(v) => self.expr(v)?,
                        None => return Err(self.internal("dict comprehension without value")),
                    }
                    self.emit(Instr::MapAdd(depth));
                }
                CompKind::Gen => {
                    self.expr(elt)?;
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::Pop);
                }
            }
        }
        self.jump(Instr::Jump, start);
        self.bind(anchor);
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

trait LocOr {
    fn or(self, other: Loc) -> Loc;
}

impl LocOr for Loc {
    fn or(self, other: Loc) -> Loc {
        if self.line != 0 {
            self
        } else {
            other
        }
    }
}
