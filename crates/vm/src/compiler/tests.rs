//! Compiler unit tests on hand-built ASTs (independent of the parser).

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::symtable::{self, Scope};
use super::{compile, dis};
use crate::ast::*;
use crate::bytecode::{flags, Code, Const, Instr};
use crate::error::{CompileError, Mode};

// ---------------------------------------------------------------- AST builders

fn loc(line: u32) -> Loc {
    Loc { line, col: 0 }
}
fn ex(kind: ExprKind) -> Expr {
    Expr { loc: loc(0), kind }
}
fn st(kind: StmtKind) -> Stmt {
    Stmt { loc: loc(1), kind }
}
/// set the line of a statement
fn at(line: u32, mut s: Stmt) -> Stmt {
    s.loc = loc(line);
    s
}
fn name(n: &str) -> Expr {
    ex(ExprKind::Name(n.into()))
}
fn int(i: i64) -> Expr {
    ex(ExprKind::Constant(Constant::Int(i)))
}
fn string(s: &str) -> Expr {
    ex(ExprKind::Constant(Constant::Str(s.into())))
}
fn none() -> Expr {
    ex(ExprKind::Constant(Constant::None))
}
fn call(f: Expr, args: Vec<Expr>) -> Expr {
    ex(ExprKind::Call {
        func: Box::new(f),
        args,
        keywords: vec![],
    })
}
fn call_kw(f: Expr, args: Vec<Expr>, kws: Vec<(Option<&str>, Expr)>) -> Expr {
    let keywords = kws
        .into_iter()
        .map(|(a, v)| Keyword {
            arg: a.map(|s| s.to_string()),
            value: v,
        })
        .collect();
    ex(ExprKind::Call {
        func: Box::new(f),
        args,
        keywords,
    })
}
fn attr(v: Expr, a: &str) -> Expr {
    ex(ExprKind::Attribute {
        value: Box::new(v),
        attr: a.into(),
    })
}
fn subscr(v: Expr, i: Expr) -> Expr {
    ex(ExprKind::Subscript {
        value: Box::new(v),
        index: Box::new(i),
    })
}
fn starred(v: Expr) -> Expr {
    ex(ExprKind::Starred(Box::new(v)))
}
fn tuple(v: Vec<Expr>) -> Expr {
    ex(ExprKind::Tuple(v))
}
fn list(v: Vec<Expr>) -> Expr {
    ex(ExprKind::List(v))
}
fn binop(l: Expr, op: BinOp, r: Expr) -> Expr {
    ex(ExprKind::BinOp {
        left: Box::new(l),
        op,
        right: Box::new(r),
    })
}
fn cmp(l: Expr, pairs: Vec<(CmpOp, Expr)>) -> Expr {
    let (ops, comparators) = pairs.into_iter().unzip();
    ex(ExprKind::Compare {
        left: Box::new(l),
        ops,
        comparators,
    })
}
fn walrus(t: &str, v: Expr) -> Expr {
    ex(ExprKind::NamedExpr {
        target: t.into(),
        value: Box::new(v),
    })
}
fn listcomp(elt: Expr, target: Expr, iter: Expr, ifs: Vec<Expr>) -> Expr {
    ex(ExprKind::ListComp {
        elt: Box::new(elt),
        generators: vec![Comprehension {
            target,
            iter,
            ifs,
            is_async: false,
        }],
    })
}
fn genexp(elt: Expr, target: Expr, iter: Expr) -> Expr {
    ex(ExprKind::GeneratorExp {
        elt: Box::new(elt),
        generators: vec![Comprehension {
            target,
            iter,
            ifs: vec![],
            is_async: false,
        }],
    })
}
fn yield_(v: Option<Expr>) -> Expr {
    ex(ExprKind::Yield(v.map(Box::new)))
}
fn lambda(params: &[&str], body: Expr) -> Expr {
    ex(ExprKind::Lambda {
        args: Box::new(args(params)),
        body: Box::new(body),
    })
}

fn expr_stmt(e: Expr) -> Stmt {
    st(StmtKind::Expr(e))
}
fn assign(t: Expr, v: Expr) -> Stmt {
    st(StmtKind::Assign {
        targets: vec![t],
        value: v,
    })
}
fn ret(v: Option<Expr>) -> Stmt {
    st(StmtKind::Return(v))
}
fn param(n: &str) -> Param {
    Param {
        loc: loc(1),
        name: n.into(),
        annotation: None,
        default: None,
    }
}
fn args(params: &[&str]) -> Arguments {
    Arguments {
        args: params.iter().map(|p| param(p)).collect(),
        ..Arguments::default()
    }
}
fn def_with(n: &str, a: Arguments, body: Vec<Stmt>, is_async: bool) -> Stmt {
    st(StmtKind::FunctionDef(Box::new(FunctionDef {
        name: n.into(),
        args: a,
        body,
        decorators: vec![],
        returns: None,
        is_async,
    })))
}
fn def(n: &str, params: &[&str], body: Vec<Stmt>) -> Stmt {
    def_with(n, args(params), body, false)
}
fn class(n: &str, bases: Vec<Expr>, body: Vec<Stmt>) -> Stmt {
    st(StmtKind::ClassDef(Box::new(ClassDef {
        name: n.into(),
        bases,
        keywords: vec![],
        body,
        decorators: vec![],
    })))
}
fn for_(t: Expr, it: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>) -> Stmt {
    st(StmtKind::For {
        target: t,
        iter: it,
        body,
        orelse,
        is_async: false,
    })
}
fn while_(test: Expr, body: Vec<Stmt>) -> Stmt {
    st(StmtKind::While {
        test,
        body,
        orelse: vec![],
    })
}
fn if_(test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>) -> Stmt {
    st(StmtKind::If { test, body, orelse })
}
fn try_(
    body: Vec<Stmt>,
    handlers: Vec<ExceptHandler>,
    orelse: Vec<Stmt>,
    finalbody: Vec<Stmt>,
) -> Stmt {
    st(StmtKind::Try {
        body,
        handlers,
        orelse,
        finalbody,
    })
}
fn handler(typ: Option<Expr>, n: Option<&str>, body: Vec<Stmt>) -> ExceptHandler {
    ExceptHandler {
        loc: loc(1),
        typ,
        name: n.map(|s| s.to_string()),
        body,
    }
}
fn with(ctx: Vec<(Expr, Option<Expr>)>, body: Vec<Stmt>, is_async: bool) -> Stmt {
    let items = ctx
        .into_iter()
        .map(|(context, target)| WithItem { context, target })
        .collect();
    st(StmtKind::With {
        items,
        body,
        is_async,
    })
}
fn module(body: Vec<Stmt>) -> Module {
    Module { body }
}

// ---------------------------------------------------------------- helpers

fn ok(body: Vec<Stmt>) -> Code {
    let m = module(body);
    let c = compile(&m, "<test>", Mode::Exec).unwrap_or_else(|e| panic!("compile failed: {:?}", e));
    check_code(&c);
    c
}

fn err(body: Vec<Stmt>) -> CompileError {
    match compile(&module(body), "<test>", Mode::Exec) {
        Ok(c) => panic!("expected an error, got:\n{}", dis(&c)),
        Err(e) => e,
    }
}

fn err_msg(body: Vec<Stmt>) -> String {
    err(body).msg
}

/// A stricter stack check than `max_stack`: every instruction must be reached with one
/// depth only, and never underflow.
fn check_code(c: &Code) {
    use super::stack::effect;
    assert_eq!(c.instrs.len(), c.lines.len());
    let n = c.instrs.len();
    let mut seen: Vec<Option<i32>> = vec![None; n];
    let mut work = vec![(0usize, 0i32)];
    while let Some((mut pc, mut d)) = work.pop() {
        while pc < n {
            match seen[pc] {
                Some(x) if x == d => break,
                Some(x) => panic!(
                    "inconsistent depth at {} ({} vs {}) in\n{}",
                    pc,
                    x,
                    d,
                    dis(c)
                ),
                None => seen[pc] = Some(d),
            }
            assert!(d as u32 <= c.max_stack, "depth {} > max_stack at {}", d, pc);
            let (ft, j) = effect(c.instrs[pc]);
            if let Some((t, e)) = j {
                assert!(d + e >= 0, "underflow at {}\n{}", pc, dis(c));
                work.push((t as usize, d + e));
            }
            match ft {
                Some(e) => {
                    d += e;
                    assert!(d >= 0, "underflow at {}\n{}", pc, dis(c));
                    pc += 1;
                }
                None => break,
            }
        }
    }
    for k in &c.consts {
        if let Const::Code(inner) = k {
            check_code(inner);
        }
    }
}

fn inner<'c>(c: &'c Code, n: &str) -> &'c Code {
    for k in &c.consts {
        if let Const::Code(code) = k {
            if code.name == n {
                return code;
            }
            for k2 in &code.consts {
                if let Const::Code(_) = k2 {
                    if let Some(found) = try_inner(code, n) {
                        return found;
                    }
                }
            }
        }
    }
    panic!("no code object named {}", n)
}

fn try_inner<'c>(c: &'c Code, n: &str) -> Option<&'c Code> {
    for k in &c.consts {
        if let Const::Code(code) = k {
            if code.name == n {
                return Some(code);
            }
            if let Some(f) = try_inner(code, n) {
                return Some(f);
            }
        }
    }
    None
}

/// Instruction names (without operands) of a code object, for sequence checks.
fn ops(c: &Code) -> Vec<String> {
    c.instrs
        .iter()
        .map(|i| {
            let s = alloc::format!("{:?}", i);
            match s.find('(') {
                Some(p) => s[..p].to_string(),
                None => s,
            }
        })
        .collect()
}

fn has_seq(c: &Code, seq: &[&str]) -> bool {
    let o = ops(c);
    o.windows(seq.len())
        .any(|w| w.iter().zip(seq).all(|(a, b)| a == b))
}

fn assert_seq(c: &Code, seq: &[&str]) {
    assert!(
        has_seq(c, seq),
        "sequence {:?} not found in\n{}",
        seq,
        dis(c)
    );
}

fn scope_of(m: &Module, scope_name: &str, var: &str) -> Scope {
    let t = symtable::build(m).expect("symtable");
    let s = t
        .scopes
        .iter()
        .find(|s| s.name == scope_name)
        .expect("scope");
    s.scope_of(var)
        .unwrap_or_else(|| panic!("{} not in {}", var, scope_name))
}

// ---------------------------------------------------------------- symbol table

#[test]
fn symtable_closure_cell_and_free() {
    let m = module(vec![def(
        "f",
        &[],
        vec![
            assign(name("x"), int(1)),
            def("g", &[], vec![ret(Some(name("x")))]),
            ret(Some(name("g"))),
        ],
    )]);
    assert_eq!(scope_of(&m, "f", "x"), Scope::Cell);
    assert_eq!(scope_of(&m, "g", "x"), Scope::Free);
    assert_eq!(scope_of(&m, "f", "g"), Scope::Local);
    assert_eq!(scope_of(&m, "<module>", "f"), Scope::Local);
}

#[test]
fn symtable_globals() {
    let m = module(vec![def(
        "f",
        &["a"],
        vec![
            st(StmtKind::Global(vec!["x".into()])),
            assign(name("x"), name("y")),
            expr_stmt(call(name("print"), vec![name("a")])),
        ],
    )]);
    assert_eq!(scope_of(&m, "f", "x"), Scope::GlobalExplicit);
    assert_eq!(scope_of(&m, "f", "y"), Scope::GlobalImplicit);
    assert_eq!(scope_of(&m, "f", "print"), Scope::GlobalImplicit);
    assert_eq!(scope_of(&m, "f", "a"), Scope::Local);
}

#[test]
fn symtable_nonlocal() {
    let m = module(vec![def(
        "f",
        &[],
        vec![
            assign(name("x"), int(1)),
            def(
                "g",
                &[],
                vec![
                    st(StmtKind::Nonlocal(vec!["x".into()])),
                    assign(name("x"), int(2)),
                ],
            ),
        ],
    )]);
    assert_eq!(scope_of(&m, "f", "x"), Scope::Cell);
    assert_eq!(scope_of(&m, "g", "x"), Scope::Free);
}

#[test]
fn symtable_pass_through_free() {
    let m = module(vec![def(
        "f",
        &[],
        vec![
            assign(name("x"), int(1)),
            def("g", &[], vec![def("h", &[], vec![ret(Some(name("x")))])]),
        ],
    )]);
    assert_eq!(scope_of(&m, "g", "x"), Scope::Free);
    assert_eq!(scope_of(&m, "h", "x"), Scope::Free);
    let c = ok(m.body);
    assert_eq!(inner(&c, "g").freevars, vec!["x"]);
    assert_seq(
        inner(&c, "g"),
        &[
            "LoadClosure",
            "BuildTuple",
            "LoadConst",
            "LoadConst",
            "MakeFunction",
        ],
    );
}

#[test]
fn symtable_class_names_not_visible_in_methods() {
    let m = module(vec![class(
        "C",
        vec![],
        vec![
            assign(name("x"), int(1)),
            def("m", &["self"], vec![ret(Some(name("x")))]),
        ],
    )]);
    assert_eq!(scope_of(&m, "C", "x"), Scope::Local);
    assert_eq!(scope_of(&m, "m", "x"), Scope::GlobalImplicit);
}

#[test]
fn symtable_class_free_and_local() {
    // def f(): x = 1; class C: x = 2; y = x; def m(self): return x
    let m = module(vec![def(
        "f",
        &[],
        vec![
            assign(name("x"), int(1)),
            class(
                "C",
                vec![],
                vec![
                    assign(name("y"), name("z")),
                    assign(name("x"), int(2)),
                    def("m", &["self"], vec![ret(Some(name("x")))]),
                ],
            ),
            assign(name("z"), int(0)),
        ],
    )]);
    assert_eq!(scope_of(&m, "f", "x"), Scope::Cell);
    assert_eq!(scope_of(&m, "C", "x"), Scope::Local);
    assert_eq!(scope_of(&m, "C", "z"), Scope::Free);
    assert_eq!(scope_of(&m, "m", "x"), Scope::Free);
    let c = ok(m.body);
    let cls = inner(&c, "C");
    assert_eq!(cls.freevars, vec!["x", "z"]);
    assert!(
        cls.instrs.contains(&Instr::LoadClassDeref(1)),
        "{}",
        dis(cls)
    );
    assert!(cls.instrs.iter().any(|i| matches!(i, Instr::StoreName(_))));
}

#[test]
fn symtable_super_gets_class_cell() {
    let m = module(vec![class(
        "C",
        vec![name("B")],
        vec![def(
            "m",
            &["self"],
            vec![ret(Some(attr(call(name("super"), vec![]), "m")))],
        )],
    )]);
    assert_eq!(scope_of(&m, "m", "__class__"), Scope::Free);
    let c = ok(m.body);
    let cls = inner(&c, "C");
    assert_eq!(cls.cellvars, vec!["__class__"]);
    let meth = inner(&c, "m");
    assert_eq!(meth.freevars, vec!["__class__"]);
    assert_eq!(meth.qualname, "C.m");
    let d = dis(&c);
    assert!(d.contains("LoadClosure        0 (__class__)"), "{}", d);
    assert!(
        d.contains("StoreName          1 (__classcell__)") || d.contains("(__classcell__)"),
        "{}",
        d
    );
    assert_seq(
        cls,
        &["LoadClosure", "StoreName", "LoadConst", "ReturnValue"],
    );
    assert_seq(
        cls,
        &[
            "LoadClosure",
            "BuildTuple",
            "LoadConst",
            "LoadConst",
            "MakeFunction",
        ],
    );
    assert_eq!(cls.flags, flags::NEWLOCALS | flags::CLASS_BODY);
    assert_eq!(cls.instrs[0], Instr::SetupClassBody(0));
    assert_eq!(cls.consts[0], Const::Str("C".into()));
    // module: LoadBuildClass, body function, name, base, Call(3)
    assert_seq(
        &c,
        &[
            "LoadBuildClass",
            "LoadConst",
            "LoadConst",
            "MakeFunction",
            "LoadConst",
            "LoadName",
            "Call",
        ],
    );
    assert!(c.instrs.contains(&Instr::Call(3)));
}

#[test]
fn symtable_walrus_in_comprehension_binds_in_function() {
    let m = module(vec![def(
        "f",
        &["r"],
        vec![
            expr_stmt(listcomp(
                walrus("y", name("i")),
                name("i"),
                name("r"),
                vec![],
            )),
            ret(Some(name("y"))),
        ],
    )]);
    assert_eq!(scope_of(&m, "f", "y"), Scope::Cell);
    assert_eq!(scope_of(&m, "<listcomp>", "y"), Scope::Free);
    assert_eq!(scope_of(&m, "<listcomp>", "i"), Scope::Local);
    let c = ok(m.body);
    let lc = inner(&c, "<listcomp>");
    assert_eq!(lc.varnames, vec![".0", "i"]);
    assert!(lc.instrs.contains(&Instr::StoreDeref(0)));
}

#[test]
fn symtable_walrus_at_module_level_comprehension() {
    let m = module(vec![expr_stmt(listcomp(
        walrus("y", name("i")),
        name("i"),
        name("r"),
        vec![],
    ))]);
    assert_eq!(scope_of(&m, "<listcomp>", "y"), Scope::GlobalExplicit);
    let c = ok(m.body);
    assert!(inner(&c, "<listcomp>")
        .instrs
        .iter()
        .any(|i| matches!(i, Instr::StoreGlobal(_))));
}

#[test]
fn symtable_param_cell_cell2arg() {
    let m = module(vec![def(
        "f",
        &["a", "b"],
        vec![def("g", &[], vec![ret(Some(name("b")))])],
    )]);
    assert_eq!(scope_of(&m, "f", "b"), Scope::Cell);
    let c = ok(m.body);
    let f = inner(&c, "f");
    assert_eq!(f.varnames, vec!["a", "b", "g"]);
    assert_eq!(f.cellvars, vec!["b"]);
    assert_eq!(f.cell2arg, vec![(0, 1)]);
}

#[test]
fn symtable_comprehension_in_class_sees_globals() {
    let m = module(vec![class(
        "C",
        vec![],
        vec![
            assign(name("y"), int(1)),
            expr_stmt(listcomp(name("y"), name("i"), name("r"), vec![])),
        ],
    )]);
    assert_eq!(scope_of(&m, "<listcomp>", "y"), Scope::GlobalImplicit);
}

// ---------------------------------------------------------------- errors

#[test]
fn error_messages() {
    let g = |n: &str| st(StmtKind::Global(vec![n.into()]));
    let nl = |n: &str| st(StmtKind::Nonlocal(vec![n.into()]));
    assert_eq!(err_msg(vec![at(3, ret(None))]), "'return' outside function");
    assert_eq!(err(vec![at(3, ret(None))]).line, 3);
    assert_eq!(
        err_msg(vec![class("C", vec![], vec![ret(None)])]),
        "'return' outside function"
    );
    assert_eq!(err_msg(vec![st(StmtKind::Break)]), "'break' outside loop");
    assert_eq!(
        err_msg(vec![st(StmtKind::Continue)]),
        "'continue' not properly in loop"
    );
    assert_eq!(
        err_msg(vec![while_(
            name("x"),
            vec![def("f", &[], vec![st(StmtKind::Break)])]
        )]),
        "'break' outside loop"
    );
    assert_eq!(
        err_msg(vec![expr_stmt(yield_(None))]),
        "'yield' outside function"
    );
    assert_eq!(
        err_msg(vec![class("C", vec![], vec![expr_stmt(yield_(None))])]),
        "'yield' outside function"
    );
    assert_eq!(
        err_msg(vec![def(
            "f",
            &[],
            vec![expr_stmt(ex(ExprKind::Await(Box::new(name("x")))))]
        )]),
        "'await' outside async function"
    );
    assert_eq!(
        err_msg(vec![expr_stmt(ex(ExprKind::Await(Box::new(name("x")))))]),
        "'await' outside function"
    );
    assert_eq!(
        err_msg(vec![def("f", &["a", "a"], vec![])]),
        "duplicate argument 'a' in function definition"
    );
    assert_eq!(
        err_msg(vec![def("f", &[], vec![expr_stmt(name("x")), g("x")])]),
        "name 'x' is used prior to global declaration"
    );
    assert_eq!(
        err_msg(vec![def("f", &[], vec![assign(name("x"), int(1)), g("x")])]),
        "name 'x' is assigned to before global declaration"
    );
    assert_eq!(
        err_msg(vec![def("f", &["x"], vec![g("x")])]),
        "name 'x' is parameter and global"
    );
    assert_eq!(
        err_msg(vec![def("f", &["x"], vec![nl("x")])]),
        "name 'x' is parameter and nonlocal"
    );
    assert_eq!(
        err_msg(vec![def("f", &[], vec![nl("x")])]),
        "no binding for nonlocal 'x' found"
    );
    assert_eq!(
        err_msg(vec![nl("x")]),
        "nonlocal declaration not allowed at module level"
    );
    assert_eq!(
        err_msg(vec![def(
            "f",
            &[],
            vec![
                assign(name("x"), int(1)),
                def("g", &[], vec![g("x"), nl("x")])
            ]
        )]),
        "name 'x' is nonlocal and global"
    );
    assert_eq!(
        err_msg(vec![assign(starred(name("a")), name("b"))]),
        "starred assignment target must be in a list or tuple"
    );
    assert_eq!(
        err_msg(vec![assign(
            tuple(vec![starred(name("a")), starred(name("b"))]),
            name("c")
        )]),
        "multiple starred expressions in assignment"
    );
    assert_eq!(
        err_msg(vec![assign(name("a"), starred(name("b")))]),
        "can't use starred expression here"
    );
    assert_eq!(
        err_msg(vec![def(
            "f",
            &[],
            vec![st(StmtKind::ImportFrom {
                module: Some("m".into()),
                names: vec![Alias {
                    name: "*".into(),
                    asname: None
                }],
                level: 0
            })]
        )]),
        "import * only allowed at module level"
    );
    assert_eq!(
        err_msg(vec![class(
            "C",
            vec![],
            vec![expr_stmt(listcomp(
                walrus("y", name("i")),
                name("i"),
                name("r"),
                vec![]
            ))]
        )]),
        "assignment expression within a comprehension cannot be used in a class body"
    );
    assert_eq!(
        err_msg(vec![expr_stmt(listcomp(
            walrus("i", int(1)),
            name("i"),
            name("r"),
            vec![]
        ))]),
        "assignment expression cannot rebind comprehension iteration variable 'i'"
    );
    assert_eq!(
        err_msg(vec![expr_stmt(listcomp(
            name("i"),
            name("i"),
            walrus("j", name("r")),
            vec![]
        ))]),
        "assignment expression cannot be used in a comprehension iterable expression"
    );
    assert_eq!(
        err_msg(vec![def(
            "f",
            &[],
            vec![expr_stmt(listcomp(
                yield_(None),
                name("i"),
                name("r"),
                vec![]
            ))]
        )]),
        "'yield' inside list comprehension"
    );
    assert_eq!(
        err_msg(
            vec![for_(name("x"), name("y"), vec![], vec![]).clone()]
                .into_iter()
                .map(|mut s| {
                    if let StmtKind::For { is_async, .. } = &mut s.kind {
                        *is_async = true;
                    }
                    def("f", &[], vec![s])
                })
                .collect()
        ),
        "'async for' outside async function"
    );
    assert_eq!(
        err_msg(vec![def(
            "f",
            &[],
            vec![with(vec![(name("c"), None)], vec![], true)]
        )]),
        "'async with' outside async function"
    );
    assert_eq!(
        err_msg(vec![expr_stmt(call_kw(
            name("f"),
            vec![],
            vec![(Some("a"), int(1)), (Some("a"), int(2))]
        ))]),
        "keyword argument repeated: a"
    );
    assert_eq!(
        err_msg(vec![try_(
            vec![],
            vec![
                handler(None, None, vec![]),
                handler(Some(name("E")), None, vec![])
            ],
            vec![],
            vec![]
        )]),
        "default 'except:' must be last"
    );
    // async generator returning a value
    assert_eq!(
        err_msg(vec![def_with(
            "f",
            args(&[]),
            vec![expr_stmt(yield_(None)), ret(Some(int(1)))],
            true
        )]),
        "'return' with value in async generator"
    );
}

#[test]
fn error_too_many_nested_blocks() {
    let mut body = vec![st(StmtKind::Pass)];
    for _ in 0..20 {
        body = vec![while_(name("x"), body)];
    }
    ok(body.clone());
    let e = err(vec![at(7, while_(name("x"), body))]);
    assert_eq!(e.msg, "too many statically nested blocks");
    // with-blocks and try count too
    let mut body = vec![st(StmtKind::Pass)];
    for _ in 0..21 {
        body = vec![try_(body, vec![], vec![], vec![st(StmtKind::Pass)])];
    }
    assert_eq!(err_msg(body), "too many statically nested blocks");
}

// ---------------------------------------------------------------- code shape

#[test]
fn module_and_modes() {
    let c = ok(vec![assign(name("x"), int(1)), expr_stmt(name("x"))]);
    assert_eq!(c.flags, flags::NEWLOCALS);
    assert_eq!(c.name, "<module>");
    assert_seq(
        &c,
        &[
            "LoadConst",
            "StoreName",
            "LoadName",
            "Pop",
            "LoadConst",
            "ReturnValue",
        ],
    );
    let s = compile(&module(vec![expr_stmt(name("x"))]), "<stdin>", Mode::Single).unwrap();
    assert_seq(&s, &["LoadName", "PrintExpr", "LoadConst", "ReturnValue"]);
    let e = compile(
        &module(vec![expr_stmt(binop(name("x"), BinOp::Add, int(1)))]),
        "<eval>",
        Mode::Eval,
    )
    .unwrap();
    assert_eq!(
        ops(&e),
        vec!["LoadName", "LoadConst", "BinaryOp", "ReturnValue"]
    );
    assert_eq!(e.max_stack, 2);
}

#[test]
fn closures_dis() {
    let c = ok(vec![at(
        1,
        def(
            "outer",
            &["a"],
            vec![
                at(2, def("inner", &[], vec![at(3, ret(Some(name("a"))))])),
                at(4, ret(Some(name("inner")))),
            ],
        ),
    )]);
    let d = dis(&c);
    assert!(d.contains("LoadClosure        0 (a)"), "{}", d);
    assert!(d.contains("MakeFunction       4 (closure)"), "{}", d);
    assert!(d.contains("LoadDeref          0 (a)"), "{}", d);
    assert!(d.contains("<code inner (outer.<locals>.inner)"), "{}", d);
    assert!(d.contains("   3       0 LoadDeref"), "{}", d);
    let f = inner(&c, "outer");
    assert_eq!(f.flags, flags::OPTIMIZED);
    assert_eq!(f.argcount, 1);
    assert_eq!(f.qualname, "outer");
}

#[test]
fn function_signature_and_defaults() {
    let a = Arguments {
        posonly: vec![param("p")],
        args: vec![Param {
            default: Some(int(1)),
            ..param("a")
        }],
        vararg: Some(param("args")),
        kwonly: vec![
            param("k"),
            Param {
                default: Some(name("d")),
                ..param("kd")
            },
        ],
        kwarg: Some(param("kw")),
    };
    let c = ok(vec![def_with("f", a, vec![st(StmtKind::Pass)], false)]);
    let f = inner(&c, "f");
    assert_eq!(f.varnames, vec!["p", "a", "k", "kd", "args", "kw"]);
    assert_eq!((f.argcount, f.posonlyargcount, f.kwonlyargcount), (2, 1, 2));
    assert_eq!(
        f.flags,
        flags::OPTIMIZED | flags::VARARGS | flags::VARKEYWORDS
    );
    assert!(c.consts.contains(&Const::Tuple(vec![Const::Int(1)])));
    assert_seq(
        &c,
        &[
            "LoadConst",
            "LoadConst",
            "LoadName",
            "BuildMap",
            "LoadConst",
            "LoadConst",
            "MakeFunction",
        ],
    );
    assert!(c.instrs.contains(&Instr::MakeFunction(3)));
}

#[test]
fn decorators_order() {
    let mut d = def("f", &[], vec![]);
    if let StmtKind::FunctionDef(f) = &mut d.kind {
        f.decorators = vec![name("a"), attr(name("b"), "c")];
    }
    let c = ok(vec![d]);
    assert_eq!(
        ops(&c)[..8],
        [
            "LoadName",
            "LoadName",
            "LoadAttr",
            "LoadConst",
            "LoadConst",
            "MakeFunction",
            "Call",
            "Call"
        ]
    );
}

#[test]
fn generator_and_lambda() {
    let c = ok(vec![def(
        "g",
        &[],
        vec![expr_stmt(yield_(Some(int(1)))), expr_stmt(yield_(None))],
    )]);
    let g = inner(&c, "g");
    assert_eq!(g.flags, flags::OPTIMIZED | flags::GENERATOR);
    assert_seq(
        g,
        &[
            "LoadConst",
            "YieldValue",
            "Pop",
            "LoadConst",
            "YieldValue",
            "Pop",
        ],
    );
    let c = ok(vec![def(
        "g",
        &[],
        vec![expr_stmt(ex(ExprKind::YieldFrom(Box::new(name("x")))))],
    )]);
    assert_seq(
        inner(&c, "g"),
        &[
            "LoadGlobal",
            "GetYieldFromIter",
            "LoadConst",
            "YieldFrom",
            "Pop",
        ],
    );
    let c = ok(vec![def(
        "f",
        &[],
        vec![assign(
            name("h"),
            lambda(&["x"], binop(name("x"), BinOp::Add, int(1))),
        )],
    )]);
    let l = inner(&c, "<lambda>");
    assert_eq!(l.qualname, "f.<locals>.<lambda>");
    assert_eq!(
        ops(l),
        vec!["LoadFast", "LoadConst", "BinaryOp", "ReturnValue"]
    );
    let c = ok(vec![def_with(
        "co",
        args(&[]),
        vec![expr_stmt(ex(ExprKind::Await(Box::new(name("x")))))],
        true,
    )]);
    let co = inner(&c, "co");
    assert_eq!(co.flags, flags::OPTIMIZED | flags::COROUTINE);
    assert_seq(
        co,
        &[
            "LoadGlobal",
            "GetAwaitable",
            "LoadConst",
            "YieldFrom",
            "Pop",
        ],
    );
}

#[test]
fn comprehension_shapes() {
    let c = ok(vec![def(
        "f",
        &["r"],
        vec![ret(Some(listcomp(
            binop(name("x"), BinOp::Mult, int(2)),
            name("x"),
            name("r"),
            vec![cmp(name("x"), vec![(CmpOp::Gt, int(0))])],
        )))],
    )]);
    let f = inner(&c, "f");
    assert_seq(
        f,
        &[
            "LoadConst",
            "LoadConst",
            "MakeFunction",
            "LoadFast",
            "GetIter",
            "Call",
            "ReturnValue",
        ],
    );
    let lc = inner(&c, "<listcomp>");
    assert_eq!(lc.qualname, "f.<locals>.<listcomp>");
    assert_eq!(lc.argcount, 1);
    assert_eq!(
        ops(lc),
        vec![
            "BuildList",
            "LoadFast",
            "ForIter",
            "StoreFast",
            "LoadFast",
            "LoadConst",
            "CompareOp",
            "PopJumpIfFalse",
            "LoadFast",
            "LoadConst",
            "BinaryOp",
            "ListAppend",
            "Jump",
            "ReturnValue"
        ]
    );
    assert!(lc.instrs.contains(&Instr::ListAppend(2)));
    let g = ok(vec![expr_stmt(genexp(name("x"), name("x"), name("r")))]);
    let ge = inner(&g, "<genexpr>");
    assert_eq!(ge.flags, flags::OPTIMIZED | flags::GENERATOR);
    assert_eq!(
        ops(ge),
        vec![
            "LoadFast",
            "ForIter",
            "StoreFast",
            "LoadFast",
            "YieldValue",
            "Pop",
            "Jump",
            "LoadConst",
            "ReturnValue"
        ]
    );
    // nested generators: dict comprehension with two fors
    let dc = ex(ExprKind::DictComp {
        key: Box::new(name("a")),
        value: Box::new(name("b")),
        generators: vec![
            Comprehension {
                target: name("a"),
                iter: name("r"),
                ifs: vec![],
                is_async: false,
            },
            Comprehension {
                target: name("b"),
                iter: name("a"),
                ifs: vec![],
                is_async: false,
            },
        ],
    });
    let c = ok(vec![expr_stmt(dc)]);
    let d = inner(&c, "<dictcomp>");
    assert!(d.instrs.contains(&Instr::MapAdd(3)), "{}", dis(d));
    assert_seq(d, &["LoadFast", "GetIter", "ForIter"]);
}

#[test]
fn chained_compare() {
    let c = ok(vec![assign(
        name("r"),
        cmp(
            name("a"),
            vec![(CmpOp::Lt, name("b")), (CmpOp::LtE, name("c"))],
        ),
    )]);
    assert_eq!(
        ops(&c)[..12],
        [
            "LoadName",
            "LoadName",
            "Dup",
            "Rot3",
            "CompareOp",
            "JumpIfFalseOrPop",
            "LoadName",
            "CompareOp",
            "Jump",
            "Rot2",
            "Pop",
            "StoreName"
        ]
    );
    let d = dis(&c);
    assert!(d.contains("JumpIfFalseOrPop   9 (to 9)"), "{}", d);
    assert!(d.contains(">>    9 Rot2"), "{}", d);
}

#[test]
fn calls() {
    // f(1, *a, k=2, **kw)
    let c = ok(vec![expr_stmt(call_kw(
        name("f"),
        vec![int(1), starred(name("a"))],
        vec![(Some("k"), int(2)), (None, name("kw"))],
    ))]);
    assert_eq!(
        ops(&c)[..13],
        [
            "LoadName",
            "LoadConst",
            "BuildList",
            "LoadName",
            "ListExtend",
            "ListToTuple",
            "LoadConst",
            "LoadConst",
            "BuildMap",
            "LoadName",
            "DictMerge",
            "CallEx",
            "Pop"
        ]
    );
    assert!(c.instrs.contains(&Instr::CallEx(1)));
    // o.m(1) -> LoadMethod/CallMethod
    let c = ok(vec![expr_stmt(call(attr(name("o"), "m"), vec![int(1)]))]);
    assert_eq!(
        ops(&c)[..4],
        ["LoadName", "LoadMethod", "LoadConst", "CallMethod"]
    );
    // o.m(x=1) -> LoadAttr + CallKw
    let c = ok(vec![expr_stmt(call_kw(
        attr(name("o"), "m"),
        vec![int(0)],
        vec![(Some("x"), int(1))],
    ))]);
    assert_eq!(
        ops(&c)[..6],
        [
            "LoadName",
            "LoadAttr",
            "LoadConst",
            "LoadConst",
            "LoadConst",
            "CallKw"
        ]
    );
    assert!(c.instrs.contains(&Instr::CallKw(2)));
    assert!(c
        .consts
        .contains(&Const::Tuple(vec![Const::Str("x".into())])));
    // f(*a) alone
    let c = ok(vec![expr_stmt(call(name("f"), vec![starred(name("a"))]))]);
    assert_eq!(
        ops(&c)[..6],
        [
            "LoadName",
            "BuildList",
            "LoadName",
            "ListExtend",
            "ListToTuple",
            "CallEx"
        ]
    );
}

#[test]
fn displays_and_constants() {
    let c = ok(vec![assign(
        name("t"),
        tuple(vec![int(1), string("a"), tuple(vec![none()])]),
    )]);
    assert!(c.consts.contains(&Const::Tuple(vec![
        Const::Int(1),
        Const::Str("a".into()),
        Const::Tuple(vec![Const::None])
    ])));
    assert_eq!(ops(&c)[..2], ["LoadConst", "StoreName"]);
    let neg = ex(ExprKind::UnaryOp {
        op: UnaryOp::USub,
        operand: Box::new(int(5)),
    });
    let c = ok(vec![assign(name("x"), neg)]);
    assert!(c.consts.contains(&Const::Int(-5)));
    let c = ok(vec![assign(
        name("x"),
        list(vec![name("a"), starred(name("b")), name("c")]),
    )]);
    assert_eq!(
        ops(&c)[..6],
        [
            "LoadName",
            "BuildList",
            "LoadName",
            "ListExtend",
            "LoadName",
            "ListAppend"
        ]
    );
    let c = ok(vec![assign(
        name("x"),
        tuple(vec![name("a"), starred(name("b"))]),
    )]);
    assert_seq(&c, &["ListExtend", "ListToTuple", "StoreName"]);
    let d = ex(ExprKind::Dict {
        keys: vec![Some(string("a")), None, Some(name("k"))],
        values: vec![int(1), name("m"), int(2)],
    });
    let c = ok(vec![assign(name("x"), d)]);
    assert_eq!(
        ops(&c)[..9],
        [
            "LoadConst",
            "LoadConst",
            "BuildMap",
            "LoadName",
            "DictUpdate",
            "LoadName",
            "LoadConst",
            "MapAdd",
            "StoreName"
        ]
    );
    // floats: 0.0 and -0.0 are distinct constants
    let z = ex(ExprKind::Constant(Constant::Float(0.0)));
    let nz = ex(ExprKind::UnaryOp {
        op: UnaryOp::USub,
        operand: Box::new(z.clone()),
    });
    let c = ok(vec![assign(name("a"), z), assign(name("b"), nz)]);
    assert_eq!(
        c.consts
            .iter()
            .filter(|k| matches!(k, Const::Float(_)))
            .count(),
        2
    );
}

#[test]
fn fstrings() {
    let fv = |v: Expr, conv: Option<char>, spec: Option<Expr>| {
        ex(ExprKind::FormattedValue {
            value: Box::new(v),
            conversion: conv,
            format_spec: spec.map(Box::new),
        })
    };
    let js = ex(ExprKind::JoinedStr(vec![
        string("a"),
        fv(name("x"), Some('r'), None),
        fv(
            name("y"),
            None,
            Some(ex(ExprKind::JoinedStr(vec![string(">10")]))),
        ),
    ]));
    let c = ok(vec![assign(name("s"), js)]);
    assert_eq!(
        ops(&c)[..8],
        [
            "LoadConst",
            "LoadName",
            "FormatValue",
            "LoadName",
            "LoadConst",
            "FormatValue",
            "BuildString",
            "StoreName"
        ]
    );
    assert!(c.instrs.contains(&Instr::FormatValue(2)));
    assert!(c.instrs.contains(&Instr::FormatValue(4)));
    assert!(c.instrs.contains(&Instr::BuildString(3)));
    let c = ok(vec![assign(
        name("s"),
        ex(ExprKind::JoinedStr(vec![string("plain")])),
    )]);
    assert_eq!(ops(&c)[..2], ["LoadConst", "StoreName"]);
}

#[test]
fn unpacking_targets() {
    let c = ok(vec![assign(
        tuple(vec![name("a"), starred(name("b")), name("c"), name("d")]),
        name("s"),
    )]);
    assert!(
        c.instrs.contains(&Instr::UnpackEx(1 | (2 << 8))),
        "{}",
        dis(&c)
    );
    let c = ok(vec![assign(
        tuple(vec![name("a"), list(vec![name("b"), attr(name("o"), "c")])]),
        name("s"),
    )]);
    assert_eq!(
        ops(&c)[..8],
        [
            "LoadName",
            "UnpackSequence",
            "StoreName",
            "UnpackSequence",
            "StoreName",
            "LoadName",
            "StoreAttr",
            "LoadConst"
        ]
    );
    // a = b = 1
    let c = ok(vec![st(StmtKind::Assign {
        targets: vec![name("a"), subscr(name("b"), int(0))],
        value: int(1),
    })]);
    assert_eq!(
        ops(&c)[..6],
        [
            "LoadConst",
            "Dup",
            "StoreName",
            "LoadName",
            "LoadConst",
            "StoreSubscr"
        ]
    );
}

#[test]
fn augmented_assignment() {
    let aug = |t: Expr| {
        st(StmtKind::AugAssign {
            target: t,
            op: BinOp::Add,
            value: int(1),
        })
    };
    let c = ok(vec![aug(attr(name("o"), "x"))]);
    assert_eq!(
        ops(&c)[..7],
        [
            "LoadName",
            "Dup",
            "LoadAttr",
            "LoadConst",
            "InplaceOp",
            "Rot2",
            "StoreAttr"
        ]
    );
    let c = ok(vec![aug(subscr(name("o"), name("i")))]);
    assert_eq!(
        ops(&c)[..8],
        [
            "LoadName",
            "LoadName",
            "Dup2",
            "BinarySubscr",
            "LoadConst",
            "InplaceOp",
            "Rot3",
            "StoreSubscr"
        ]
    );
    let c = ok(vec![def("f", &["x"], vec![aug(name("x"))])]);
    assert_eq!(
        ops(inner(&c, "f"))[..4],
        ["LoadFast", "LoadConst", "InplaceOp", "StoreFast"]
    );
}

#[test]
fn delete_forms() {
    let c = ok(vec![st(StmtKind::Del(vec![
        name("a"),
        attr(name("o"), "x"),
        subscr(name("o"), int(1)),
        tuple(vec![name("b")]),
    ]))]);
    assert_eq!(
        ops(&c)[..8],
        [
            "DeleteName",
            "LoadName",
            "DeleteAttr",
            "LoadName",
            "LoadConst",
            "DeleteSubscr",
            "DeleteName",
            "LoadConst"
        ]
    );
}

#[test]
fn loops_break_continue() {
    // for x in y: if x: break / else: continue  (else clause on for)
    let c = ok(vec![for_(
        name("x"),
        name("y"),
        vec![if_(
            name("x"),
            vec![st(StmtKind::Break)],
            vec![st(StmtKind::Continue)],
        )],
        vec![expr_stmt(call(name("f"), vec![]))],
    )]);
    let d = dis(&c);
    // break pops the iterator before jumping past the else clause
    assert_seq(&c, &["PopJumpIfFalse", "Pop", "Jump", "Jump", "Jump"]);
    assert!(d.contains("ForIter"), "{}", d);
    // while True: no test emitted
    let c = ok(vec![while_(
        ex(ExprKind::Constant(Constant::True)),
        vec![st(StmtKind::Break)],
    )]);
    assert_eq!(ops(&c)[..3], ["Jump", "Jump", "LoadConst"]);
}

#[test]
fn try_finally_return_in_loop() {
    // def f():
    //     for x in y:
    //         try:
    //             return x
    //         finally:
    //             g()
    let c = ok(vec![def(
        "f",
        &[],
        vec![for_(
            name("x"),
            name("y"),
            vec![try_(
                vec![ret(Some(name("x")))],
                vec![],
                vec![],
                vec![expr_stmt(call(name("g"), vec![]))],
            )],
            vec![],
        )],
    )]);
    let f = inner(&c, "f");
    // return: value, PopBlock, inlined finally, Rot2+Pop of the iterator, ReturnValue
    assert_seq(
        f,
        &[
            "LoadFast",
            "PopBlock",
            "LoadGlobal",
            "Call",
            "Pop",
            "Rot2",
            "Pop",
            "ReturnValue",
        ],
    );
    // exception path: finally then Reraise
    assert_seq(f, &["LoadGlobal", "Call", "Pop", "Reraise"]);
    let d = dis(&c);
    assert!(d.contains("SetupTry"), "{}", d);
    // break inside finally swallows the exception: Pop exc, PopExcept, Pop iterator
    let c = ok(vec![for_(
        name("x"),
        name("y"),
        vec![try_(
            vec![st(StmtKind::Pass)],
            vec![],
            vec![],
            vec![st(StmtKind::Break)],
        )],
        vec![],
    )]);
    assert_seq(&c, &["Pop", "PopExcept", "Pop", "Jump"]);
    // return inside finally inside a function
    let c = ok(vec![def(
        "f",
        &[],
        vec![try_(
            vec![ret(Some(int(1)))],
            vec![],
            vec![],
            vec![ret(Some(int(2)))],
        )],
    )]);
    let f = inner(&c, "f");
    // return 1 runs the finally body, whose own `return 2` drops the preserved value
    assert_seq(
        f,
        &[
            "LoadConst",
            "PopBlock",
            "LoadConst",
            "Rot2",
            "Pop",
            "ReturnValue",
        ],
    );
    // on the exception path `return 2` drops the exception and the active handler
    assert_seq(f, &["LoadConst", "Rot2", "Pop", "PopExcept", "ReturnValue"]);
}

#[test]
fn try_except_named_handler() {
    let c = ok(vec![try_(
        vec![expr_stmt(call(name("f"), vec![]))],
        vec![
            handler(
                Some(name("ValueError")),
                Some("e"),
                vec![expr_stmt(call(name("g"), vec![name("e")]))],
            ),
            handler(None, None, vec![st(StmtKind::Pass)]),
        ],
        vec![expr_stmt(call(name("h"), vec![]))],
        vec![],
    )]);
    let d = dis(&c);
    assert_seq(
        &c,
        &[
            "SetupTry", "LoadName", "Call", "Pop", "PopBlock", "LoadName", "Call", "Pop", "Jump",
        ],
    );
    assert_seq(
        &c,
        &[
            "LoadName",
            "CheckExcMatch",
            "PopJumpIfFalse",
            "StoreName",
            "SetupTry",
        ],
    );
    assert_seq(
        &c,
        &[
            "PopBlock",
            "PopExcept",
            "LoadConst",
            "StoreName",
            "DeleteName",
            "Jump",
        ],
    );
    assert_seq(&c, &["LoadConst", "StoreName", "DeleteName", "Reraise"]);
    assert_seq(&c, &["Pop", "PopExcept", "Jump"]);
    assert!(d.contains("(ValueError)"), "{}", d);
    // no bare except: unmatched exceptions are re-raised
    let c = ok(vec![try_(
        vec![st(StmtKind::Pass)],
        vec![handler(Some(name("E")), None, vec![])],
        vec![],
        vec![],
    )]);
    assert_seq(&c, &["Pop", "PopExcept", "Jump", "Reraise"]);
    // return inside a named handler in a function: PopBlock, PopExcept, clear name
    let c = ok(vec![def(
        "f",
        &[],
        vec![try_(
            vec![st(StmtKind::Pass)],
            vec![handler(
                Some(name("E")),
                Some("e"),
                vec![ret(Some(name("e")))],
            )],
            vec![],
            vec![],
        )],
    )]);
    assert_seq(
        inner(&c, "f"),
        &[
            "LoadFast",
            "PopBlock",
            "PopExcept",
            "LoadConst",
            "StoreFast",
            "DeleteFast",
            "ReturnValue",
        ],
    );
}

#[test]
fn with_statement() {
    let c = ok(vec![def(
        "f",
        &[],
        vec![with(
            vec![
                (call(name("open"), vec![]), Some(name("a"))),
                (name("b"), None),
            ],
            vec![ret(Some(name("a")))],
            false,
        )],
    )]);
    let f = inner(&c, "f");
    assert_seq(
        f,
        &[
            "LoadGlobal",
            "Call",
            "BeforeWith",
            "StoreFast",
            "SetupTry",
            "LoadGlobal",
            "BeforeWith",
            "Pop",
            "SetupTry",
        ],
    );
    // return unwinds both withs
    assert_seq(
        f,
        &[
            "LoadFast",
            "PopBlock",
            "Rot2",
            "WithExitNormal",
            "PopBlock",
            "Rot2",
            "WithExitNormal",
            "ReturnValue",
        ],
    );
    assert_seq(f, &["PopBlock", "WithExitNormal", "Jump", "WithExitExc"]);
}

#[test]
fn async_constructs() {
    let af = st(StmtKind::For {
        target: name("x"),
        iter: name("ait"),
        body: vec![st(StmtKind::Break)],
        orelse: vec![],
        is_async: true,
    });
    let c = ok(vec![def_with(
        "co",
        args(&[]),
        vec![af, with(vec![(name("cm"), Some(name("v")))], vec![], true)],
        true,
    )]);
    let co = inner(&c, "co");
    let d = dis(co);
    assert!(
        d.contains("(__aiter__)")
            && d.contains("(__anext__)")
            && d.contains("(StopAsyncIteration)"),
        "{}",
        d
    );
    assert!(
        d.contains("(__aenter__)") && d.contains("(__aexit__)"),
        "{}",
        d
    );
    assert_seq(
        co,
        &[
            "Dup",
            "LoadMethod",
            "CallMethod",
            "GetAwaitable",
            "LoadConst",
            "YieldFrom",
            "PopBlock",
            "StoreFast",
        ],
    );
    assert_seq(
        co,
        &[
            "LoadGlobal",
            "CheckExcMatch",
            "PopJumpIfFalse",
            "Pop",
            "PopExcept",
            "Pop",
        ],
    );
    assert_seq(
        co,
        &[
            "LoadConst",
            "Dup",
            "Dup",
            "Call",
            "GetAwaitable",
            "LoadConst",
            "YieldFrom",
            "Pop",
        ],
    );
}

#[test]
fn imports() {
    let imp = |n: &str, asname: Option<&str>| Alias {
        name: n.into(),
        asname: asname.map(|s| s.to_string()),
    };
    let c = ok(vec![st(StmtKind::Import(vec![imp("a.b.c", None)]))]);
    assert_eq!(
        ops(&c)[..4],
        ["LoadConst", "LoadConst", "ImportName", "StoreName"]
    );
    let d = dis(&c);
    assert!(
        d.contains("ImportName         0 (a.b.c)") && d.contains("StoreName          1 (a)"),
        "{}",
        d
    );
    let c = ok(vec![st(StmtKind::Import(vec![imp("a.b.c", Some("d"))]))]);
    assert_eq!(
        ops(&c)[..10],
        [
            "LoadConst",
            "LoadConst",
            "ImportName",
            "ImportFrom",
            "Rot2",
            "Pop",
            "ImportFrom",
            "Rot2",
            "Pop",
            "StoreName"
        ]
    );
    let c = ok(vec![st(StmtKind::ImportFrom {
        module: Some("x".into()),
        names: vec![imp("y", Some("z")), imp("w", None)],
        level: 1,
    })]);
    assert_eq!(
        ops(&c)[..8],
        [
            "LoadConst",
            "LoadConst",
            "ImportName",
            "ImportFrom",
            "StoreName",
            "ImportFrom",
            "StoreName",
            "Pop"
        ]
    );
    assert_eq!(c.consts[0], Const::Int(1));
    assert_eq!(
        c.consts[1],
        Const::Tuple(vec![Const::Str("y".into()), Const::Str("w".into())])
    );
    let c = ok(vec![st(StmtKind::ImportFrom {
        module: Some("m".into()),
        names: vec![imp("*", None)],
        level: 0,
    })]);
    assert_eq!(
        ops(&c)[..4],
        ["LoadConst", "LoadConst", "ImportName", "ImportStar"]
    );
}

#[test]
fn class_with_keywords_and_qualnames() {
    let mut cls = class(
        "C",
        vec![name("A")],
        vec![class("D", vec![], vec![def("m", &[], vec![])])],
    );
    if let StmtKind::ClassDef(c) = &mut cls.kind {
        c.keywords = vec![Keyword {
            arg: Some("metaclass".into()),
            value: name("M"),
        }];
    }
    let c = ok(vec![def("f", &[], vec![cls])]);
    assert_eq!(inner(&c, "C").qualname, "f.<locals>.C");
    assert_eq!(inner(&c, "D").qualname, "f.<locals>.C.D");
    assert_eq!(inner(&c, "m").qualname, "f.<locals>.C.D.m");
    assert!(inner(&c, "f").instrs.contains(&Instr::CallKw(4)));
}

#[test]
fn assert_statement() {
    let c = ok(vec![st(StmtKind::Assert {
        test: name("x"),
        msg: Some(string("m")),
    })]);
    assert_eq!(
        ops(&c)[..6],
        [
            "LoadName",
            "PopJumpIfTrue",
            "LoadAssertionError",
            "LoadConst",
            "Call",
            "Raise"
        ]
    );
    assert!(c.instrs.contains(&Instr::Raise(1)));
}

#[test]
fn boolean_conditions() {
    // if a and not b: pass
    let test = ex(ExprKind::BoolOp {
        op: BoolOpKind::And,
        values: vec![
            name("a"),
            ex(ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand: Box::new(name("b")),
            }),
        ],
    });
    let c = ok(vec![if_(
        test,
        vec![expr_stmt(call(name("f"), vec![]))],
        vec![],
    )]);
    assert_eq!(
        ops(&c)[..4],
        ["LoadName", "PopJumpIfFalse", "LoadName", "PopJumpIfTrue"]
    );
    // x = a or b
    let v = ex(ExprKind::BoolOp {
        op: BoolOpKind::Or,
        values: vec![name("a"), name("b")],
    });
    let c = ok(vec![assign(name("x"), v)]);
    assert_eq!(
        ops(&c)[..4],
        ["LoadName", "JumpIfTrueOrPop", "LoadName", "StoreName"]
    );
}

#[test]
fn line_numbers() {
    let c = ok(vec![
        at(1, assign(name("x"), int(1))),
        at(5, expr_stmt(call(name("f"), vec![name("x")]))),
    ]);
    assert_eq!(c.lines[..2], [1, 1]);
    assert_eq!(c.lines[2], 5);
    assert_eq!(c.first_line, 1);
}

#[test]
fn deep_expression_does_not_overflow() {
    let mut e = int(1);
    for _ in 0..200 {
        e = binop(e, BinOp::Add, tuple(vec![name("a"), int(1)]));
        e = ex(ExprKind::UnaryOp {
            op: UnaryOp::Not,
            operand: Box::new(e),
        });
    }
    ok(vec![expr_stmt(e)]);
}

// ---------------------------------------------------------------- from source (parser)

fn src(text: &str) -> Code {
    let c = crate::compile_source(text, "<src>", Mode::Exec)
        .unwrap_or_else(|e| panic!("compile failed: {:?}", e));
    check_code(&c);
    c
}

fn src_err(text: &str) -> CompileError {
    match crate::compile_source(text, "<src>", Mode::Exec) {
        Ok(c) => panic!("expected an error, got:\n{}", dis(&c)),
        Err(e) => e,
    }
}

/// Compile `WEFT_DIS_FILE` and print its disassembly (manual inspection):
/// `WEFT_DIS_FILE=x.py cargo test -p weft-vm dis_file -- --nocapture --ignored`
#[test]
#[ignore]
fn dis_file() {
    extern crate std;
    let path = std::env::var("WEFT_DIS_FILE").expect("WEFT_DIS_FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    match crate::compile_source(&text, &path, Mode::Exec) {
        Ok(c) => {
            check_code(&c);
            std::println!("{}", dis(&c));
        }
        Err(e) => std::println!("{:?}", e),
    }
}

/// Compile every `.py` file under `WEFT_CORPUS` (e.g. CPython's Lib/): no panics, every
/// code object passes the strict stack check; compiler errors are listed.
#[test]
#[ignore]
fn corpus() {
    extern crate std;
    use std::string::ToString as _;
    let root = std::env::var("WEFT_CORPUS").expect("WEFT_CORPUS");
    let mut stack = vec![std::path::PathBuf::from(root)];
    let (mut parsed, mut parse_err, mut comp_err) = (0, 0, 0);
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(&p) {
                for e in rd.flatten() {
                    stack.push(e.path());
                }
            }
            continue;
        }
        if p.extension().and_then(|e| e.to_str()) != Some("py") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let Ok(m) = crate::parser::parse(&text, Mode::Exec) else {
            parse_err += 1;
            continue;
        };
        parsed += 1;
        let name = p.display().to_string();
        match compile(&m, &name, Mode::Exec) {
            Ok(c) => check_code(&c),
            Err(e) => {
                comp_err += 1;
                std::println!("{}:{}: {}", name, e.line, e.msg);
            }
        }
    }
    std::println!(
        "parsed {} files, {} parse errors, {} compile errors",
        parsed,
        parse_err,
        comp_err
    );
}

/// Dump the symbol table of `WEFT_SYMTABLE_FILE` as `path: name scope` lines, for a
/// differential check against CPython's `symtable` module.
#[test]
#[ignore]
fn symtable_dump() {
    extern crate std;
    let list = std::env::var("WEFT_SYMTABLE_FILES").expect("WEFT_SYMTABLE_FILES");
    for path in list.split(':') {
        let text = std::fs::read_to_string(path).expect("read");
        let Ok(m) = crate::parser::parse(&text, Mode::Exec) else {
            continue;
        };
        let t = match symtable::build(&m) {
            Ok(t) => t,
            Err(e) => {
                std::println!("FILE {}\nERROR {}", path, e.msg);
                continue;
            }
        };
        std::println!("FILE {}", path);
        fn walk(t: &symtable::SymbolTable, id: usize, prefix: &str) {
            let s = &t.scopes[id];
            for (n, sym) in s.symbols.iter() {
                std::println!("{} {} {:?}", prefix, n, sym.scope);
            }
            let mut counts: alloc::collections::BTreeMap<&str, usize> = Default::default();
            for &c in &s.children {
                let name = t.scopes[c].name.as_str();
                let k = counts.entry(name).or_insert(0);
                let p = alloc::format!("{}/{}#{}", prefix, name, k);
                *k += 1;
                walk(t, c, &p);
            }
        }
        walk(&t, 0, "");
    }
}

/// Measure how much Rust stack the deepest inputs the parser accepts need to compile:
/// `WEFT_STACK_KB` per thread (parsing happens on a big thread, compiling on the probe).
#[test]
#[ignore]
fn stack_probe() {
    extern crate std;
    let kb: usize = std::env::var("WEFT_STACK_KB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    let shapes: [fn(usize) -> String; 10] = [
        |n| alloc::format!("x = {}1{}", "(".repeat(n), ")".repeat(n)),
        |n| alloc::format!("x = {}1{}", "f(".repeat(n), ")".repeat(n)),
        |n| alloc::format!("x = {}1{}", "[".repeat(n), "]".repeat(n)),
        |n| alloc::format!("x = {}1", "a + ".repeat(n)),
        |n| alloc::format!("x = {}1", "not ".repeat(n)),
        |n| alloc::format!("x = {}1", "-".repeat(n)),
        |n| alloc::format!("x = {}1{}", "[x for x in ".repeat(n), "]".repeat(n)),
        |n| alloc::format!("x = {}1", "lambda: ".repeat(n)),
        |n| alloc::format!("if {}b{}: pass", "a and (".repeat(n), ")".repeat(n)),
        |n| {
            let mut s = String::new();
            for i in 0..n {
                s.push_str(&" ".repeat(i));
                s.push_str("if x:\n");
            }
            s.push_str(&" ".repeat(n));
            s.push_str("pass\n");
            s
        },
    ];
    for (i, shape) in shapes.iter().enumerate() {
        // the deepest n the parser accepts (on a big stack)
        let shape = *shape;
        let m = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || {
                let mut best = None;
                for n in (1..=2000).rev().step_by(7) {
                    if let Ok(m) = crate::parser::parse(&shape(n), Mode::Exec) {
                        best = Some((n, m));
                        break;
                    }
                }
                best
            })
            .unwrap()
            .join()
            .unwrap();
        let Some((n, m)) = m else { continue };
        let h = std::thread::Builder::new()
            .stack_size(kb * 1024)
            .spawn(move || {
                let r = compile(&m, "<deep>", Mode::Exec)
                    .map(|_| ())
                    .map_err(|e| e.msg);
                core::mem::forget(m);
                r
            })
            .unwrap();
        std::println!(
            "shape {} n={}: {:?}",
            i,
            n,
            h.join().map_err(|_| "overflow")
        );
    }
}

/// Compile-only stack probe on hand-built deep ASTs (no parser involved).
#[test]
#[ignore]
fn stack_probe_ast() {
    extern crate std;
    let kb: usize = std::env::var("WEFT_STACK_KB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    let only: Option<usize> = std::env::var("WEFT_CASE").ok().and_then(|s| s.parse().ok());
    let n = 400;
    let builders: [fn(usize) -> Expr; 7] = [
        |n| (0..n).fold(int(1), |e, _| binop(e, BinOp::Add, name("a"))),
        |n| (0..n).fold(int(1), |e, _| call(name("f"), vec![e])),
        |n| (0..n).fold(int(1), |e, _| list(vec![e])),
        |n| {
            (0..n).fold(name("x"), |e, _| {
                ex(ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: Box::new(e),
                })
            })
        },
        |n| (0..n).fold(int(1), |e, _| lambda(&[], e)),
        |n| (0..n).fold(name("x"), |e, _| listcomp(e, name("x"), name("y"), vec![])),
        |n| {
            (0..n).fold(name("x"), |e, _| {
                ex(ExprKind::BoolOp {
                    op: BoolOpKind::And,
                    values: vec![name("a"), e],
                })
            })
        },
    ];
    for (i, b) in builders.iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        let e = b(n);
        let body = vec![if_(e.clone(), vec![expr_stmt(e)], vec![])];
        let h = std::thread::Builder::new()
            .stack_size(kb * 1024)
            .spawn(move || {
                let m = module(body);
                let r = match std::env::var("WEFT_PHASE").as_deref() {
                    Ok("sym") => symtable::build(&m).map(|_| ()).map_err(|e| e.msg),
                    Ok("none") => Ok(()),
                    _ => compile(&m, "<deep>", Mode::Exec)
                        .map(|_| ())
                        .map_err(|e| e.msg),
                };
                core::mem::forget(m);
                r
            })
            .unwrap();
        std::println!("case {}: {:?}", i, h.join().map_err(|_| "overflow"));
    }
}

#[test]
fn source_error_lines() {
    let e = src_err("x = 1\ndef f():\n    x = 1\n    global x\n");
    assert_eq!(
        (e.msg.as_str(), e.line),
        ("name 'x' is assigned to before global declaration", 4)
    );
    let e = src_err("def f():\n    def g():\n        nonlocal y\n        y = 1\n");
    assert_eq!(
        (e.msg.as_str(), e.line),
        ("no binding for nonlocal 'y' found", 3)
    );
    let e = src_err("for x in y:\n    pass\nbreak\n");
    assert_eq!((e.msg.as_str(), e.line), ("'break' outside loop", 3));
    let e = src_err("def f(a, b, a):\n    pass\n");
    assert_eq!(e.msg, "duplicate argument 'a' in function definition");
    let e = src_err("class C:\n    def f(self):\n        pass\n    return 1\n");
    assert_eq!((e.msg.as_str(), e.line), ("'return' outside function", 4));
    let e = src_err("def f():\n    from m import *\n");
    assert_eq!(
        (e.msg.as_str(), e.line),
        ("import * only allowed at module level", 2)
    );
    let e = src_err("while x:\n    def g():\n        continue\n");
    assert_eq!(
        (e.msg.as_str(), e.line),
        ("'continue' not properly in loop", 3)
    );
    let e = src_err("x = [1]\nx += (yield)\n");
    assert_eq!((e.msg.as_str(), e.line), ("'yield' outside function", 2));
}

#[test]
fn source_try_finally_in_loop() {
    let c = src(concat!(
        "def f(xs):\n",
        "    for x in xs:\n",
        "        try:\n",
        "            if x:\n",
        "                return x\n",
        "            continue\n",
        "        finally:\n",
        "            print('f')\n",
        "    return None\n",
    ));
    let f = inner(&c, "f");
    let d = dis(f);
    // return x: value, PopBlock, finally body, drop the iterator under the value, return
    assert_seq(
        f,
        &[
            "LoadFast",
            "PopBlock",
            "LoadGlobal",
            "LoadConst",
            "Call",
            "Pop",
            "Rot2",
            "Pop",
            "ReturnValue",
        ],
    );
    // continue: PopBlock, finally body, jump back to ForIter
    assert_seq(
        f,
        &["PopBlock", "LoadGlobal", "LoadConst", "Call", "Pop", "Jump"],
    );
    assert!(d.contains("SetupTry"), "{}", d);
    assert!(d.contains("Reraise"), "{}", d);
    // line numbers: the inlined finally body keeps line 8
    let i = f
        .instrs
        .iter()
        .position(|i| matches!(i, Instr::PopBlock))
        .unwrap();
    assert_eq!(f.lines[i + 1], 8, "{}", d);
}

#[test]
fn source_class_super_and_closures() {
    let c = src(concat!(
        "class A(B):\n",
        "    def __init__(self):\n",
        "        super().__init__()\n",
        "        f = lambda: __class__\n",
        "    def plain(self):\n",
        "        return 1\n",
    ));
    let a = inner(&c, "A");
    assert_eq!(a.cellvars, vec!["__class__"]);
    assert_eq!(inner(&c, "__init__").freevars, vec!["__class__"]);
    assert_eq!(inner(&c, "__init__").cellvars, Vec::<String>::new());
    assert_eq!(inner(&c, "<lambda>").freevars, vec!["__class__"]);
    assert_eq!(
        inner(&c, "<lambda>").qualname,
        "A.__init__.<locals>.<lambda>"
    );
    assert!(inner(&c, "plain").freevars.is_empty());
    assert_seq(a, &["LoadClosure", "StoreName", "LoadConst", "ReturnValue"]);
}

#[test]
fn source_modes() {
    let c = crate::compile_source("1 + 2\nif x:\n    x\n", "<stdin>", Mode::Single).unwrap();
    assert_eq!(
        c.instrs
            .iter()
            .filter(|i| matches!(i, Instr::PrintExpr))
            .count(),
        2
    );
    let c = crate::compile_source("def f():\n    x\n", "<stdin>", Mode::Single).unwrap();
    assert!(!inner(&c, "f").instrs.contains(&Instr::PrintExpr));
    let c = crate::compile_source("[x for x in y]", "<string>", Mode::Eval).unwrap();
    assert_eq!(
        ops(&c),
        vec![
            "LoadConst",
            "LoadConst",
            "MakeFunction",
            "LoadName",
            "GetIter",
            "Call",
            "ReturnValue"
        ]
    );
}

#[test]
fn source_misc_forms() {
    let c = src("a, *b = c\n(x, y), z = w\ndel x, y[0]\nwith a as b, c:\n    pass\n");
    assert!(c.instrs.contains(&Instr::UnpackEx(1)));
    let c = src("def f(a, b=1, *, c=2):\n    return a if b else c\n");
    assert!(c.instrs.contains(&Instr::MakeFunction(3)), "{}", dis(&c));
    let c = src("x = f'{a}'\ny = f'{a!s:{w}.{p}}'\n");
    assert_seq(&c, &["LoadName", "FormatValue", "StoreName"]);
    let c = src("assert x, 'msg'\nraise E from C\nraise\n");
    assert_seq(&c, &["Raise", "Raise"]);
    assert!(c.instrs.contains(&Instr::Raise(2)) && c.instrs.contains(&Instr::Raise(0)));
    let c = src("x = {**a, 'k': 1, **b}\ny = {*a, 1}\nz = [*a, *b]\nt = (*a,)\n");
    assert_seq(
        &c,
        &[
            "BuildMap",
            "LoadName",
            "DictUpdate",
            "LoadConst",
            "LoadConst",
            "MapAdd",
        ],
    );
    let c = src("x = a[1:2, ::3]\n");
    assert_seq(
        &c,
        &[
            "LoadConst",
            "LoadConst",
            "BuildSlice",
            "LoadConst",
            "LoadConst",
            "LoadConst",
            "BuildSlice",
            "BuildTuple",
        ],
    );
    let c = src("def g():\n    x = yield\n    y = yield from z\n    return x\n");
    assert_eq!(inner(&c, "g").flags & flags::GENERATOR, flags::GENERATOR);
}

#[test]
fn source_except_star_cleanup_and_nested_handlers() {
    let c = src(concat!(
        "def f():\n",
        "    try:\n",
        "        g()\n",
        "    except E as e:\n",
        "        try:\n",
        "            h()\n",
        "        except F:\n",
        "            return e\n",
        "    finally:\n",
        "        k()\n",
    ));
    let f = inner(&c, "f");
    // return e inside the inner handler: PopExcept (inner), PopBlock+PopExcept+clear e
    // (outer, named), PopBlock + finally (outer try/finally), then return
    assert_seq(
        f,
        &[
            "LoadFast",
            "PopExcept",
            "PopBlock",
            "PopExcept",
            "LoadConst",
            "StoreFast",
            "DeleteFast",
            "PopBlock",
            "LoadGlobal",
            "Call",
            "Pop",
            "ReturnValue",
        ],
    );
}

/// Compile each snippet of `WEFT_SNIPPETS` (separated by lines `#---`) and print
/// `OK` or `ERR line: msg`, for a differential check against CPython.
#[test]
#[ignore]
fn snippets() {
    extern crate std;
    let path = std::env::var("WEFT_SNIPPETS").expect("WEFT_SNIPPETS");
    let text = std::fs::read_to_string(path).expect("read");
    for s in text.split("#---\n") {
        match crate::compile_source(s, "<s>", Mode::Exec) {
            Ok(c) => {
                check_code(&c);
                std::println!("OK");
            }
            Err(e) => std::println!("ERR {}: {}", e.line, e.msg),
        }
    }
}

#[test]
fn long_binop_chain_needs_no_stack() {
    extern crate std;
    let e = (0..5000).fold(int(1), |e, _| binop(e, BinOp::Add, name("a")));
    let m = module(vec![expr_stmt(e)]);
    let h = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || {
            let r = compile(&m, "<chain>", Mode::Exec).map(|c| c.instrs.len());
            core::mem::forget(m); // dropping a 5000-deep AST recurses
            r
        })
        .unwrap();
    assert_eq!(h.join().unwrap().unwrap(), 1 + 5000 * 2 + 1 + 2);
}
