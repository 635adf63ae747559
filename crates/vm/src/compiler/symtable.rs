//! The symbol-table pass (modelled on CPython's `symtable.c`).
//!
//! A first walk over the AST records, per scope, every name that is bound, used or declared
//! (`global` / `nonlocal`), plus the scope's children. A second pass (`analyze`) decides for
//! every name whether it is local, global (explicit or implicit), free or a cell, propagating
//! free variables upwards through intermediate scopes (including class bodies, which get
//! `DEF_FREE_CLASS` for names that are both class-local and passed through to methods).
//!
//! Scopes are identified by index; the code generator finds the scope of a `def`, `class`,
//! `lambda` or comprehension through the address of its AST node ([`node_key`]).

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::ast::*;
use crate::error::CompileError;

pub const DEF_GLOBAL: u32 = 1 << 0;
pub const DEF_LOCAL: u32 = 1 << 1;
pub const DEF_PARAM: u32 = 1 << 2;
pub const DEF_NONLOCAL: u32 = 1 << 3;
pub const USE: u32 = 1 << 4;
pub const DEF_FREE_CLASS: u32 = 1 << 5;
pub const DEF_IMPORT: u32 = 1 << 6;
pub const DEF_ANNOT: u32 = 1 << 7;
pub const DEF_COMP_ITER: u32 = 1 << 8;
const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// Where a name lives, as decided by the analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

impl ScopeKind {
    /// function-like scopes: fast locals, cells
    pub fn is_function(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
}

#[derive(Clone, Debug)]
pub struct Symbol {
    pub flags: u32,
    pub scope: Scope,
}

#[derive(Debug)]
pub struct ScopeInfo {
    pub kind: ScopeKind,
    pub name: String,
    pub symbols: BTreeMap<String, Symbol>,
    /// symbol names in order of first appearance
    order: Vec<String>,
    /// parameters in slot order: positional (incl. posonly), kw-only, *args, **kwargs
    pub params: Vec<String>,
    pub children: Vec<usize>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    /// class body whose methods use `super()` / `__class__`
    pub needs_class_closure: bool,
    /// `global` / `nonlocal` declaration sites, for error positions
    directives: BTreeMap<String, Loc>,
    comp_iter_target: bool,
    comp_iter_expr: u32,
    /// "list comprehension", "generator expression", ... for comprehension scopes
    pub comp_desc: &'static str,
    /// results of the analysis
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
}

impl ScopeInfo {
    fn new(kind: ScopeKind, name: &str) -> Self {
        ScopeInfo {
            kind,
            name: name.to_string(),
            symbols: BTreeMap::new(),
            order: Vec::new(),
            params: Vec::new(),
            children: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            needs_class_closure: false,
            directives: BTreeMap::new(),
            comp_iter_target: false,
            comp_iter_expr: 0,
            comp_desc: "",
            varnames: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
        }
    }

    pub fn scope_of(&self, name: &str) -> Option<Scope> {
        self.symbols.get(name).map(|s| s.scope)
    }

    pub fn flags_of(&self, name: &str) -> u32 {
        self.symbols.get(name).map(|s| s.flags).unwrap_or(0)
    }
}

#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<ScopeInfo>,
    by_node: BTreeMap<usize, usize>,
}

impl SymbolTable {
    /// the scope created for the AST node with this key (see [`node_key`])
    pub fn scope_for(&self, key: usize) -> Option<usize> {
        self.by_node.get(&key).copied()
    }
}

/// Identity of an AST node that opens a scope (a `def`, `class`, `lambda` or comprehension).
pub fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

type Res = Result<(), CompileError>;

pub fn build(module: &Module) -> Result<SymbolTable, CompileError> {
    let mut b = Builder {
        scopes: alloc::vec![ScopeInfo::new(ScopeKind::Module, "<module>")],
        stack: Vec::new(),
        cur: 0,
        by_node: BTreeMap::new(),
        loc: Loc::default(),
    };
    for s in &module.body {
        b.stmt(s)?;
    }
    let mut st = SymbolTable {
        scopes: b.scopes,
        by_node: b.by_node,
    };
    analyze_block(&mut st.scopes, 0, None, BTreeSet::new())?;
    for sc in st.scopes.iter_mut() {
        finish_scope(sc);
    }
    Ok(st)
}

struct Builder {
    scopes: Vec<ScopeInfo>,
    /// enclosing scopes of `cur`
    stack: Vec<usize>,
    cur: usize,
    by_node: BTreeMap<usize, usize>,
    loc: Loc,
}

impl Builder {
    fn err(&self, msg: String) -> CompileError {
        CompileError::syntax(msg, self.loc.line, self.loc.col)
    }

    fn cur(&mut self) -> &mut ScopeInfo {
        &mut self.scopes[self.cur]
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, key: usize) {
        let id = self.scopes.len();
        self.scopes.push(ScopeInfo::new(kind, name));
        self.scopes[self.cur].children.push(id);
        self.by_node.insert(key, id);
        self.stack.push(self.cur);
        self.cur = id;
    }

    fn exit(&mut self) {
        if let Some(p) = self.stack.pop() {
            self.cur = p;
        }
    }

    fn add_def(&mut self, name: &str, flag: u32) -> Res {
        self.add_def_in(self.cur, name, flag)
    }

    #[inline(never)]
    fn add_def_in(&mut self, id: usize, name: &str, flag: u32) -> Res {
        let loc = self.loc;
        let s = &mut self.scopes[id];
        if !s.symbols.contains_key(name) {
            s.order.push(name.to_string());
            s.symbols.insert(
                name.to_string(),
                Symbol {
                    flags: 0,
                    scope: Scope::GlobalImplicit,
                },
            );
        }
        let comp_iter_target = s.comp_iter_target;
        if let Some(sym) = s.symbols.get_mut(name) {
            if flag & DEF_PARAM != 0 && sym.flags & DEF_PARAM != 0 {
                return Err(CompileError::syntax(
                    format!("duplicate argument '{}' in function definition", name),
                    loc.line,
                    loc.col,
                ));
            }
            sym.flags |= flag;
            if comp_iter_target {
                if sym.flags & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                    return Err(CompileError::syntax(
                        format!("comprehension inner loop cannot rebind assignment expression target '{}'", name),
                        loc.line,
                        loc.col,
                    ));
                }
                sym.flags |= DEF_COMP_ITER;
            }
        }
        if flag & DEF_PARAM != 0 {
            s.params.push(name.to_string());
        }
        if flag & DEF_GLOBAL != 0 && id != 0 {
            // like CPython's st_global: the module's table learns about `global x` too
            let m = &mut self.scopes[0];
            if !m.symbols.contains_key(name) {
                m.order.push(name.to_string());
                m.symbols.insert(
                    name.to_string(),
                    Symbol {
                        flags: 0,
                        scope: Scope::GlobalImplicit,
                    },
                );
            }
            if let Some(sym) = m.symbols.get_mut(name) {
                sym.flags |= DEF_GLOBAL;
            }
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> Res {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Res {
        self.loc = s.loc;
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                for t in targets {
                    self.target(t)?;
                }
                self.expr(value)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.target(target)?;
                self.expr(value)
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let ExprKind::Name(n) = &target.kind {
                    let cur = self.scopes[self.cur].flags_of(n);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur != 0 {
                        let what = if cur & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(self.err(format!("annotated name '{}' can't be {}", n, what)));
                    }
                    self.add_def(n, DEF_ANNOT | DEF_LOCAL)?;
                } else if value.is_some() {
                    self.target(target)?;
                } else {
                    self.expr(target)?;
                }
                if let Some(v) = value {
                    self.expr(v)?;
                }
                Ok(())
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v)?;
                }
                Ok(())
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
                Ok(())
            }
            StmtKind::Global(names) => {
                for n in names {
                    let cur = self.scopes[self.cur].flags_of(n);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            "is parameter and global"
                        } else if cur & USE != 0 {
                            "is used prior to global declaration"
                        } else if cur & DEF_ANNOT != 0 {
                            return Err(self.err(format!("annotated name '{}' can't be global", n)));
                        } else {
                            "is assigned to before global declaration"
                        };
                        return Err(self.err(format!("name '{}' {}", n, msg)));
                    }
                    self.add_def(n, DEF_GLOBAL)?;
                    let loc = self.loc;
                    self.cur().directives.entry(n.clone()).or_insert(loc);
                }
                Ok(())
            }
            StmtKind::Nonlocal(names) => {
                if self.scopes[self.cur].kind == ScopeKind::Module {
                    return Err(self.err("nonlocal declaration not allowed at module level".into()));
                }
                for n in names {
                    let cur = self.scopes[self.cur].flags_of(n);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            "is parameter and nonlocal"
                        } else if cur & USE != 0 {
                            "is used prior to nonlocal declaration"
                        } else if cur & DEF_ANNOT != 0 {
                            return Err(
                                self.err(format!("annotated name '{}' can't be nonlocal", n))
                            );
                        } else {
                            "is assigned to before nonlocal declaration"
                        };
                        return Err(self.err(format!("name '{}' {}", n, msg)));
                    }
                    self.add_def(n, DEF_NONLOCAL)?;
                    let loc = self.loc;
                    self.cur().directives.entry(n.clone()).or_insert(loc);
                }
                Ok(())
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.target(t)?;
                }
                Ok(())
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
                Ok(())
            }
            StmtKind::Import(names) => {
                for a in names {
                    let store = match &a.asname {
                        Some(n) => n.as_str(),
                        None => a.name.split('.').next().unwrap_or(""),
                    };
                    self.add_def(store, DEF_IMPORT)?;
                }
                Ok(())
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.scopes[self.cur].kind != ScopeKind::Module {
                            return Err(self.err("import * only allowed at module level".into()));
                        }
                        continue;
                    }
                    let store = a.asname.as_deref().unwrap_or(a.name.as_str());
                    self.add_def(store, DEF_IMPORT)?;
                }
                Ok(())
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.target(target)?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                // CPython's order: body, else, handlers, finally
                self.stmts(body)?;
                self.stmts(orelse)?;
                for h in handlers {
                    self.loc = h.loc;
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.add_def(n, DEF_LOCAL)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(finalbody)
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.expr(&it.context)?;
                    if let Some(t) = &it.target {
                        self.target(t)?;
                    }
                }
                self.stmts(body)
            }
            StmtKind::FunctionDef(f) => {
                self.add_def(&f.name, DEF_LOCAL)?;
                self.defaults(&f.args)?;
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.enter(ScopeKind::Function, &f.name, node_key(&**f));
                self.cur().is_coroutine = f.is_async;
                self.params(&f.args)?;
                self.stmts(&f.body)?;
                self.exit();
                Ok(())
            }
            StmtKind::ClassDef(c) => {
                self.add_def(&c.name, DEF_LOCAL)?;
                for b in &c.bases {
                    self.expr(b)?;
                }
                for k in &c.keywords {
                    self.expr(&k.value)?;
                }
                for d in &c.decorators {
                    self.expr(d)?;
                }
                self.enter(ScopeKind::Class, &c.name, node_key(&**c));
                self.stmts(&c.body)?;
                self.exit();
                Ok(())
            }
        }
    }

    fn defaults(&mut self, a: &Arguments) -> Res {
        for p in a.posonly.iter().chain(a.args.iter()).chain(a.kwonly.iter()) {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    fn params(&mut self, a: &Arguments) -> Res {
        let saved = self.loc;
        let all = a
            .posonly
            .iter()
            .chain(a.args.iter())
            .chain(a.kwonly.iter())
            .chain(a.vararg.iter())
            .chain(a.kwarg.iter());
        for p in all {
            if p.loc.line != 0 {
                self.loc = p.loc;
            }
            self.add_def(&p.name, DEF_PARAM)?;
        }
        self.loc = saved;
        Ok(())
    }

    fn target(&mut self, e: &Expr) -> Res {
        match &e.kind {
            ExprKind::Name(n) => self.add_def(n, DEF_LOCAL),
            ExprKind::Starred(v) => self.target(v),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for t in elts {
                    self.target(t)?;
                }
                Ok(())
            }
            _ => self.expr(e),
        }
    }

    /// The hot recursive cases stay here (small stack frame per nesting level); the rest
    /// is in `expr_other`.
    fn expr(&mut self, e: &Expr) -> Res {
        if e.loc.line != 0 {
            self.loc = e.loc;
        }
        match &e.kind {
            ExprKind::BinOp { left, right, .. } => {
                if matches!(left.kind, ExprKind::BinOp { .. }) {
                    return self.binop_chain(e);
                }
                self.expr(left)?;
                self.expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Constant(_) => Ok(()),
            ExprKind::Name(n) => self.name_use(n),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                for a in args {
                    self.expr(a)?;
                }
                for k in keywords {
                    self.expr(&k.value)?;
                }
                Ok(())
            }
            ExprKind::Set(elts) | ExprKind::List(elts) | ExprKind::Tuple(elts) => {
                for a in elts {
                    self.expr(a)?;
                }
                Ok(())
            }
            _ => self.expr_other(e),
        }
    }

    /// a long left-nested `a + b + c ...` chain, walked without recursion
    #[inline(never)]
    fn binop_chain(&mut self, e: &Expr) -> Res {
        let mut spine = Vec::new();
        let mut cur = e;
        while let ExprKind::BinOp { left, right, .. } = &cur.kind {
            spine.push(&**right);
            cur = left;
        }
        self.expr(cur)?;
        for r in spine.iter().rev() {
            self.expr(r)?;
        }
        Ok(())
    }

    #[inline(never)]
    fn name_use(&mut self, n: &str) -> Res {
        self.add_def(n, USE)?;
        if n == "super" && self.scopes[self.cur].kind.is_function() {
            self.add_def("__class__", USE)?;
        }
        Ok(())
    }

    #[inline(never)]
    fn expr_other(&mut self, e: &Expr) -> Res {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => self.exprs(values),
            ExprKind::NamedExpr { target, value } => self.named_expr(target, value),
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body } => {
                self.defaults(args)?;
                self.enter(ScopeKind::Lambda, "<lambda>", node_key(e));
                self.params(args)?;
                self.expr(body)?;
                self.exit();
                Ok(())
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::Dict { keys, values } => {
                for (k, v) in keys.iter().zip(values.iter()) {
                    if let Some(k) = k {
                        self.expr(k)?;
                    }
                    self.expr(v)?;
                }
                Ok(())
            }
            ExprKind::Set(elts) | ExprKind::List(elts) | ExprKind::Tuple(elts) => self.exprs(elts),
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "<listcomp>", "list comprehension", generators, elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "<setcomp>", "set comprehension", generators, elt, None)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(
                e,
                "<dictcomp>",
                "dict comprehension",
                generators,
                key,
                Some(value),
            ),
            ExprKind::GeneratorExp { elt, generators } => self.comprehension(
                e,
                "<genexpr>",
                "generator expression",
                generators,
                elt,
                None,
            ),
            ExprKind::Await(v) => {
                let s = &self.scopes[self.cur];
                match s.kind {
                    ScopeKind::Module | ScopeKind::Class => {
                        return Err(self.err("'await' outside function".into()))
                    }
                    ScopeKind::Comprehension => {
                        return Err(self.err(self.async_comp_msg()));
                    }
                    _ if !s.is_coroutine => {
                        return Err(self.err("'await' outside async function".into()))
                    }
                    _ => {}
                }
                self.expr(v)
            }
            ExprKind::Yield(v) => {
                self.check_yield(false)?;
                if let Some(v) = v {
                    self.expr(v)?;
                }
                Ok(())
            }
            ExprKind::YieldFrom(v) => {
                self.check_yield(true)?;
                self.expr(v)
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
                Ok(())
            }
            ExprKind::JoinedStr(parts) => self.exprs(parts),
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                if let Some(s) = format_spec {
                    self.expr(s)?;
                }
                Ok(())
            }
            ExprKind::Constant(_) => Ok(()),
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)
            }
            ExprKind::Starred(v) => self.expr(v),
            ExprKind::Name(n) => {
                self.add_def(n, USE)?;
                if n == "super" && self.scopes[self.cur].kind.is_function() {
                    self.add_def("__class__", USE)?;
                }
                Ok(())
            }
            ExprKind::Slice { lower, upper, step } => {
                for p in [lower, upper, step].into_iter().flatten() {
                    self.expr(p)?;
                }
                Ok(())
            }
        }
    }

    fn exprs(&mut self, es: &[Expr]) -> Res {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    /// the message for `await` / `async for` inside a comprehension
    #[inline(never)]
    fn async_comp_msg(&self) -> String {
        // find the function that encloses the comprehension(s)
        let mut inside_async = false;
        for &id in self.stack.iter().rev().chain(core::iter::once(&self.cur)) {
            let s = &self.scopes[id];
            if s.kind != ScopeKind::Comprehension {
                inside_async = s.kind == ScopeKind::Function && s.is_coroutine;
                break;
            }
        }
        if inside_async {
            "asynchronous comprehensions are not supported".into()
        } else {
            "asynchronous comprehension outside of an asynchronous function".into()
        }
    }

    #[inline(never)]
    fn check_yield(&mut self, is_from: bool) -> Res {
        let s = &self.scopes[self.cur];
        match s.kind {
            ScopeKind::Module | ScopeKind::Class => {
                Err(self.err("'yield' outside function".into()))
            }
            ScopeKind::Comprehension => Err(self.err(format!("'yield' inside {}", s.comp_desc))),
            _ => {
                if is_from && s.is_coroutine {
                    return Err(self.err("'yield from' inside async function".into()));
                }
                self.cur().is_generator = true;
                Ok(())
            }
        }
    }

    #[inline(never)]
    fn named_expr(&mut self, target: &str, value: &Expr) -> Res {
        if self.scopes[self.cur].comp_iter_expr > 0 {
            return Err(self.err(
                "assignment expression cannot be used in a comprehension iterable expression"
                    .into(),
            ));
        }
        self.expr(value)?;
        if self.scopes[self.cur].kind == ScopeKind::Comprehension {
            self.extend_namedexpr_scope(target)
        } else {
            self.add_def(target, DEF_LOCAL)
        }
    }

    /// A walrus inside a comprehension binds in the nearest enclosing non-comprehension scope.
    #[inline(never)]
    fn extend_namedexpr_scope(&mut self, target: &str) -> Res {
        let chain: Vec<usize> = self
            .stack
            .iter()
            .copied()
            .chain(core::iter::once(self.cur))
            .collect();
        for &id in chain.iter().rev() {
            let s = &self.scopes[id];
            match s.kind {
                ScopeKind::Comprehension => {
                    if s.flags_of(target) & DEF_COMP_ITER != 0 {
                        return Err(self.err(format!(
                            "assignment expression cannot rebind comprehension iteration variable '{}'",
                            target
                        )));
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    if s.flags_of(target) & DEF_GLOBAL != 0 {
                        self.add_def(target, DEF_GLOBAL)?;
                    } else {
                        self.add_def(target, DEF_NONLOCAL)?;
                    }
                    let loc = self.loc;
                    self.cur()
                        .directives
                        .entry(target.to_string())
                        .or_insert(loc);
                    return self.add_def_in(id, target, DEF_LOCAL);
                }
                ScopeKind::Module => {
                    self.add_def(target, DEF_GLOBAL)?;
                    let loc = self.loc;
                    self.cur()
                        .directives
                        .entry(target.to_string())
                        .or_insert(loc);
                    return self.add_def_in(id, target, DEF_GLOBAL);
                }
                ScopeKind::Class => {
                    return Err(
                        self.err("assignment expression within a comprehension cannot be used in a class body".into())
                    );
                }
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        desc: &'static str,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> Res {
        let Some(first) = generators.first() else {
            return Err(self.err("comprehension without a 'for' clause".into()));
        };
        self.cur().comp_iter_expr += 1;
        let r = self.expr(&first.iter);
        self.cur().comp_iter_expr -= 1;
        r?;
        self.enter(ScopeKind::Comprehension, name, node_key(e));
        self.cur().comp_desc = desc;
        if generators.iter().any(|g| g.is_async) {
            return Err(self.err(self.async_comp_msg()));
        }
        self.add_def(".0", DEF_PARAM)?;
        for (i, g) in generators.iter().enumerate() {
            self.cur().comp_iter_target = true;
            let r = self.target(&g.target);
            self.cur().comp_iter_target = false;
            r?;
            if i > 0 {
                self.cur().comp_iter_expr += 1;
                let r = self.expr(&g.iter);
                self.cur().comp_iter_expr -= 1;
                r?;
            }
            self.exprs(&g.ifs)?;
        }
        if let Some(v) = value {
            self.expr(v)?;
        }
        self.expr(elt)?;
        if name == "<genexpr>" {
            self.cur().is_generator = true;
        }
        self.exit();
        Ok(())
    }
}

/// CPython's `analyze_block`: returns the free variables of the block (to be resolved by
/// enclosing scopes). `bound` is `None` at module level.
fn analyze_block(
    scopes: &mut [ScopeInfo],
    id: usize,
    mut bound: Option<BTreeSet<String>>,
    mut global: BTreeSet<String>,
) -> Result<BTreeSet<String>, CompileError> {
    let kind = scopes[id].kind;
    let mut local = BTreeSet::new();
    let mut free = BTreeSet::new();
    let mut decided: BTreeMap<String, Scope> = BTreeMap::new();
    let mut newglobal = BTreeSet::new();
    let mut newbound = BTreeSet::new();
    if kind == ScopeKind::Class {
        newglobal = global.clone();
        if let Some(b) = &bound {
            newbound = b.clone();
        }
    }
    let names: Vec<(String, u32)> = scopes[id]
        .order
        .iter()
        .filter_map(|n| scopes[id].symbols.get(n).map(|s| (n.clone(), s.flags)))
        .collect();
    for (name, flags) in names {
        let at = |msg: String| {
            let loc = scopes[id]
                .directives
                .get(&name)
                .copied()
                .unwrap_or_default();
            CompileError::syntax(msg, loc.line, loc.col)
        };
        let sc = if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(at(format!("name '{}' is nonlocal and global", name)));
            }
            global.insert(name.clone());
            if let Some(b) = &mut bound {
                b.remove(&name);
            }
            Scope::GlobalExplicit
        } else if flags & DEF_NONLOCAL != 0 {
            match &bound {
                None => return Err(at("nonlocal declaration not allowed at module level".into())),
                Some(b) if !b.contains(&name) => {
                    return Err(at(format!("no binding for nonlocal '{}' found", name)));
                }
                _ => {}
            }
            free.insert(name.clone());
            Scope::Free
        } else if flags & DEF_BOUND != 0 {
            local.insert(name.clone());
            global.remove(&name);
            Scope::Local
        } else if bound.as_ref().is_some_and(|b| b.contains(&name)) {
            free.insert(name.clone());
            Scope::Free
        } else {
            Scope::GlobalImplicit
        };
        decided.insert(name, sc);
    }
    if kind != ScopeKind::Class {
        if kind.is_function() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = &bound {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".to_string());
    }
    let mut newfree = BTreeSet::new();
    let children = scopes[id].children.clone();
    for c in children {
        let f = analyze_block(scopes, c, Some(newbound.clone()), newglobal.clone())?;
        newfree.extend(f);
    }
    if kind.is_function() {
        for (name, sc) in decided.iter_mut() {
            if *sc == Scope::Local && newfree.remove(name) {
                *sc = Scope::Cell;
            }
        }
    } else if kind == ScopeKind::Class && newfree.remove("__class__") {
        scopes[id].needs_class_closure = true;
    }
    // update_symbols
    let s = &mut scopes[id];
    for (name, sc) in decided {
        if let Some(sym) = s.symbols.get_mut(&name) {
            sym.scope = sc;
        }
    }
    for name in newfree.iter() {
        if let Some(sym) = s.symbols.get_mut(name) {
            if kind == ScopeKind::Class && sym.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                sym.flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        if bound.as_ref().is_some_and(|b| !b.contains(name)) {
            continue; // a global
        }
        s.order.push(name.clone());
        s.symbols.insert(
            name.clone(),
            Symbol {
                flags: 0,
                scope: Scope::Free,
            },
        );
    }
    free.extend(newfree);
    Ok(free)
}

fn finish_scope(s: &mut ScopeInfo) {
    let mut cells = Vec::new();
    let mut frees = Vec::new();
    // BTreeMap iteration: sorted by name, like CPython's dictbytype
    for (name, sym) in s.symbols.iter() {
        match sym.scope {
            Scope::Cell => cells.push(name.clone()),
            Scope::Free => frees.push(name.clone()),
            _ if sym.flags & DEF_FREE_CLASS != 0 && s.kind == ScopeKind::Class => {
                frees.push(name.clone())
            }
            _ => {}
        }
    }
    if s.kind == ScopeKind::Class && s.needs_class_closure {
        cells.push("__class__".to_string());
    }
    s.cellvars = cells;
    s.freevars = frees;
    if s.kind.is_function() {
        let mut v = s.params.clone();
        for n in s.order.iter() {
            if s.symbols
                .get(n)
                .is_some_and(|sym| sym.scope == Scope::Local)
                && !v.contains(n)
            {
                v.push(n.clone());
            }
        }
        s.varnames = v;
    }
}
