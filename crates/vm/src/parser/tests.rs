extern crate std;

use super::*;
use alloc::string::ToString;
use std::string::String;
use std::vec::Vec;

// ----- a compact S-expression dump of the AST, for readable assertions -----

fn binop(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mult => "*",
        BinOp::MatMult => "@",
        BinOp::Div => "/",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
        BinOp::FloorDiv => "//",
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is-not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not-in",
    }
}

fn list(v: &[Expr]) -> String {
    v.iter().map(d).collect::<Vec<_>>().join(" ")
}

fn opt(e: &Option<Box<Expr>>) -> String {
    match e {
        Some(e) => d(e),
        None => "_".to_string(),
    }
}

fn gens(g: &[Comprehension]) -> String {
    g.iter()
        .map(|c| {
            let mut s = format!(
                "({}for {} {}",
                if c.is_async { "async-" } else { "" },
                d(&c.target),
                d(&c.iter)
            );
            for i in &c.ifs {
                s.push_str(&format!(" (if {})", d(i)));
            }
            s.push(')');
            s
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn params(a: &Arguments) -> String {
    let p = |p: &Param| {
        let mut s = p.name.clone();
        if let Some(an) = &p.annotation {
            s.push_str(&format!(":{}", d(an)));
        }
        if let Some(df) = &p.default {
            s.push_str(&format!("={}", d(df)));
        }
        s
    };
    let mut out: Vec<String> = Vec::new();
    for x in &a.posonly {
        out.push(p(x));
    }
    if !a.posonly.is_empty() {
        out.push("/".into());
    }
    for x in &a.args {
        out.push(p(x));
    }
    if let Some(v) = &a.vararg {
        out.push(format!("*{}", p(v)));
    } else if !a.kwonly.is_empty() {
        out.push("*".into());
    }
    for x in &a.kwonly {
        out.push(p(x));
    }
    if let Some(v) = &a.kwarg {
        out.push(format!("**{}", p(v)));
    }
    format!("[{}]", out.join(" "))
}

fn kws(k: &[Keyword]) -> String {
    k.iter()
        .map(|k| match &k.arg {
            Some(n) => format!(" {}={}", n, d(&k.value)),
            None => format!(" **{}", d(&k.value)),
        })
        .collect()
}

pub(crate) fn d(e: &Expr) -> String {
    match &e.kind {
        ExprKind::BoolOp { op, values } => {
            format!(
                "({} {})",
                if *op == BoolOpKind::And { "and" } else { "or" },
                list(values)
            )
        }
        ExprKind::NamedExpr { target, value } => format!("(:= {} {})", target, d(value)),
        ExprKind::BinOp { left, op, right } => format!("({} {} {})", binop(*op), d(left), d(right)),
        ExprKind::UnaryOp { op, operand } => {
            let o = match op {
                UnaryOp::Invert => "~",
                UnaryOp::Not => "not",
                UnaryOp::UAdd => "u+",
                UnaryOp::USub => "u-",
            };
            format!("({} {})", o, d(operand))
        }
        ExprKind::Lambda { args, body } => format!("(lambda {} {})", params(args), d(body)),
        ExprKind::IfExp { test, body, orelse } => {
            format!("(if {} {} {})", d(test), d(body), d(orelse))
        }
        ExprKind::Dict { keys, values } => {
            let items: Vec<String> = keys
                .iter()
                .zip(values)
                .map(|(k, v)| match k {
                    Some(k) => format!("{}:{}", d(k), d(v)),
                    None => format!("**{}", d(v)),
                })
                .collect();
            format!("(dict {})", items.join(" "))
        }
        ExprKind::Set(v) => format!("(set {})", list(v)),
        ExprKind::ListComp { elt, generators } => {
            format!("(listcomp {} {})", d(elt), gens(generators))
        }
        ExprKind::SetComp { elt, generators } => {
            format!("(setcomp {} {})", d(elt), gens(generators))
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            format!("(dictcomp {} {} {})", d(key), d(value), gens(generators))
        }
        ExprKind::GeneratorExp { elt, generators } => {
            format!("(genexp {} {})", d(elt), gens(generators))
        }
        ExprKind::Await(x) => format!("(await {})", d(x)),
        ExprKind::Yield(x) => format!("(yield {})", opt(x)),
        ExprKind::YieldFrom(x) => format!("(yield-from {})", d(x)),
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            let mut s = format!("(cmp {}", d(left));
            for (o, c) in ops.iter().zip(comparators) {
                s.push_str(&format!(" {} {}", cmpop(*o), d(c)));
            }
            s.push(')');
            s
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            let a = if args.is_empty() {
                String::new()
            } else {
                format!(" {}", list(args))
            };
            format!("(call {}{}{})", d(func), a, kws(keywords))
        }
        ExprKind::JoinedStr(v) => format!("(f {})", list(v)),
        ExprKind::FormattedValue {
            value,
            conversion,
            format_spec,
        } => {
            let mut s = format!("(fv {}", d(value));
            if let Some(c) = conversion {
                s.push_str(&format!(" !{}", c));
            }
            if let Some(f) = format_spec {
                s.push_str(&format!(" :{}", d(f)));
            }
            s.push(')');
            s
        }
        ExprKind::Constant(c) => match c {
            Constant::None => "None".into(),
            Constant::True => "True".into(),
            Constant::False => "False".into(),
            Constant::Ellipsis => "...".into(),
            Constant::Int(i) => i.to_string(),
            Constant::BigInt(s) => format!("big:{}", s),
            Constant::Float(f) => format!("{:?}", f),
            Constant::Imag(f) => format!("{:?}j", f),
            Constant::Str(s) => format!("{:?}", s),
            Constant::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        },
        ExprKind::Attribute { value, attr } => format!("(. {} {})", d(value), attr),
        ExprKind::Subscript { value, index } => format!("([] {} {})", d(value), d(index)),
        ExprKind::Starred(x) => format!("*{}", d(x)),
        ExprKind::Name(n) => n.clone(),
        ExprKind::List(v) => format!("[{}]", list(v)),
        ExprKind::Tuple(v) => format!("(tuple {})", list(v)),
        ExprKind::Slice { lower, upper, step } => {
            format!("(slice {} {} {})", opt(lower), opt(upper), opt(step))
        }
    }
}

fn block(b: &[Stmt]) -> String {
    format!("[{}]", b.iter().map(s).collect::<Vec<_>>().join("; "))
}

pub(crate) fn s(st: &Stmt) -> String {
    match &st.kind {
        StmtKind::Expr(e) => d(e),
        StmtKind::Assign { targets, value } => format!("(= {} {})", list(targets), d(value)),
        StmtKind::AugAssign { target, op, value } => {
            format!("({}= {} {})", binop(*op), d(target), d(value))
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
        } => match value {
            Some(v) => format!("(ann {} {} {})", d(target), d(annotation), d(v)),
            None => format!("(ann {} {})", d(target), d(annotation)),
        },
        StmtKind::Pass => "pass".into(),
        StmtKind::Break => "break".into(),
        StmtKind::Continue => "continue".into(),
        StmtKind::Return(e) => match e {
            Some(e) => format!("(return {})", d(e)),
            None => "(return)".into(),
        },
        StmtKind::Raise { exc, cause } => format!(
            "(raise {} {})",
            exc.as_ref().map(d).unwrap_or("_".into()),
            cause.as_ref().map(d).unwrap_or("_".into())
        ),
        StmtKind::Global(n) => format!("(global {})", n.join(" ")),
        StmtKind::Nonlocal(n) => format!("(nonlocal {})", n.join(" ")),
        StmtKind::Del(v) => format!("(del {})", list(v)),
        StmtKind::Assert { test, msg } => match msg {
            Some(m) => format!("(assert {} {})", d(test), d(m)),
            None => format!("(assert {})", d(test)),
        },
        StmtKind::Import(a) => format!(
            "(import {})",
            a.iter()
                .map(|a| match &a.asname {
                    Some(n) => format!("{} as {}", a.name, n),
                    None => a.name.clone(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        StmtKind::ImportFrom {
            module,
            names,
            level,
        } => format!(
            "(from {} {} {})",
            level,
            module.as_deref().unwrap_or("_"),
            names
                .iter()
                .map(|a| match &a.asname {
                    Some(n) => format!("{} as {}", a.name, n),
                    None => a.name.clone(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        StmtKind::If { test, body, orelse } => {
            format!("(if {} {} {})", d(test), block(body), block(orelse))
        }
        StmtKind::While { test, body, orelse } => {
            format!("(while {} {} {})", d(test), block(body), block(orelse))
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            is_async,
        } => format!(
            "({}for {} {} {} {})",
            if *is_async { "async-" } else { "" },
            d(target),
            d(iter),
            block(body),
            block(orelse)
        ),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            let h: Vec<String> = handlers
                .iter()
                .map(|h| {
                    format!(
                        "(except {} {} {})",
                        h.typ.as_ref().map(d).unwrap_or("_".into()),
                        h.name.as_deref().unwrap_or("_"),
                        block(&h.body)
                    )
                })
                .collect();
            format!(
                "(try {} {} {} {})",
                block(body),
                h.join(" "),
                block(orelse),
                block(finalbody)
            )
        }
        StmtKind::With {
            items,
            body,
            is_async,
        } => {
            let it: Vec<String> = items
                .iter()
                .map(|i| match &i.target {
                    Some(t) => format!("{} as {}", d(&i.context), d(t)),
                    None => d(&i.context),
                })
                .collect();
            format!(
                "({}with {} {})",
                if *is_async { "async-" } else { "" },
                it.join(", "),
                block(body)
            )
        }
        StmtKind::FunctionDef(f) => {
            let dec: String = f.decorators.iter().map(|x| format!("@{} ", d(x))).collect();
            let ret = f
                .returns
                .as_ref()
                .map(|r| format!(" -> {}", d(r)))
                .unwrap_or_default();
            format!(
                "({}{}def {} {}{} {})",
                dec,
                if f.is_async { "async-" } else { "" },
                f.name,
                params(&f.args),
                ret,
                block(&f.body)
            )
        }
        StmtKind::ClassDef(c) => {
            let dec: String = c.decorators.iter().map(|x| format!("@{} ", d(x))).collect();
            format!(
                "({}class {} ({}{}) {})",
                dec,
                c.name,
                list(&c.bases),
                kws(&c.keywords),
                block(&c.body)
            )
        }
    }
}

fn p(src: &str) -> String {
    match parse(src, Mode::Exec) {
        Ok(m) => m.body.iter().map(s).collect::<Vec<_>>().join("\n"),
        Err(e) => panic!("parse error for {:?}: {:?}", src, e),
    }
}

fn ex(src: &str) -> String {
    match parse(src, Mode::Eval) {
        Ok(m) => match &m.body[0].kind {
            StmtKind::Expr(e) => d(e),
            _ => panic!("eval gave a statement"),
        },
        Err(e) => panic!("parse error for {:?}: {:?}", src, e),
    }
}

fn err(src: &str) -> CompileError {
    match parse(src, Mode::Exec) {
        Ok(m) => panic!(
            "expected an error for {:?}, got {:?}",
            src,
            m.body.iter().map(s).collect::<Vec<_>>()
        ),
        Err(e) => e,
    }
}

#[test]
fn smoke() {
    assert_eq!(p("x = 1\n"), "(= x 1)");
    assert_eq!(p("print('hi')"), "(call print \"hi\")");
}

#[test]
fn precedence() {
    assert_eq!(ex("-x**2"), "(u- (** x 2))");
    assert_eq!(ex("2**-1"), "(** 2 (u- 1))");
    assert_eq!(ex("a**b**c"), "(** a (** b c))");
    assert_eq!(ex("not a == b"), "(not (cmp a == b))");
    assert_eq!(ex("a or b and not c"), "(or a (and b (not c)))");
    assert_eq!(ex("a or b or c"), "(or a b c)");
    assert_eq!(ex("a + b * c - d"), "(- (+ a (* b c)) d)");
    assert_eq!(
        ex("a | b ^ c & d << e + f"),
        "(| a (^ b (& c (<< d (+ e f)))))"
    );
    assert_eq!(ex("a < b <= c != d"), "(cmp a < b <= c != d)");
    assert_eq!(
        ex("a not in b is not c in d is e"),
        "(cmp a not-in b is-not c in d is e)"
    );
    assert_eq!(ex("x if y else z"), "(if y x z)");
    assert_eq!(ex("a if b else c if d else e"), "(if b a (if d c e))");
    assert_eq!(ex("lambda: a if b else c"), "(lambda [] (if b a c))");
    assert_eq!(ex("~-+x"), "(~ (u- (u+ x)))");
    assert_eq!(ex("a // b % c @ d / e"), "(/ (@ (% (// a b) c) d) e)");
    assert_eq!(ex("await x ** 2"), "(** (await x) 2)");
    assert_eq!(ex("-await x"), "(u- (await x))");
    assert_eq!(ex("a.b(c)[d].e"), "(. ([] (call (. a b) c) d) e)");
    assert_eq!(ex("not not x"), "(not (not x))");
    assert_eq!(ex("(a, b)"), "(tuple a b)");
    assert_eq!(ex("a, b"), "(tuple a b)");
    assert_eq!(ex("()"), "(tuple )");
    assert_eq!(ex("(a,)"), "(tuple a)");
    assert_eq!(ex("(a)"), "a");
    assert_eq!(ex("..."), "...");
    assert_eq!(ex("1 if x else lambda: 2"), "(if x 1 (lambda [] 2))");
    assert_eq!(ex("-1"), "(u- 1)");
    assert_eq!(ex("a < b == c"), "(cmp a < b == c)");
    assert_eq!(ex("(not a) + b"), "(+ (not a) b)");
}

#[test]
fn displays_and_comprehensions() {
    assert_eq!(ex("[1, *a, 2]"), "[1 *a 2]");
    assert_eq!(ex("[]"), "[]");
    assert_eq!(ex("{}"), "(dict )");
    assert_eq!(ex("{1: 2, **m, 3: 4}"), "(dict 1:2 **m 3:4)");
    assert_eq!(ex("{1, 2,}"), "(set 1 2)");
    assert_eq!(ex("{*a, b}"), "(set *a b)");
    assert_eq!(
        ex("[x for x in y if x if z for w in x]"),
        "(listcomp x (for x y (if x) (if z)) (for w x))"
    );
    assert_eq!(ex("{x for x in y}"), "(setcomp x (for x y))");
    assert_eq!(
        ex("{k: v for k, v in y}"),
        "(dictcomp k v (for (tuple k v) y))"
    );
    assert_eq!(ex("(x for x in y)"), "(genexp x (for x y))");
    assert_eq!(ex("f(x for x in y)"), "(call f (genexp x (for x y)))");
    assert_eq!(ex("[x async for x in y]"), "(listcomp x (async-for x y))");
    assert_eq!(
        ex("[(y := f(x)) for x in z]"),
        "(listcomp (:= y (call f x)) (for x z))"
    );
    assert_eq!(ex("[y := 1, 2]"), "[(:= y 1) 2]");
    assert_eq!(ex("[x for x, in y]"), "(listcomp x (for (tuple x) y))");
    assert_eq!(
        ex("[x for *a, b in y]"),
        "(listcomp x (for (tuple *a b) y))"
    );
    assert_eq!(ex("[x for x in a or b]"), "(listcomp x (for x (or a b)))");
}

#[test]
fn calls_and_subscripts() {
    assert_eq!(ex("f(a, *b, c=1, *d, **e)"), "(call f a *b *d c=1 **e)");
    assert_eq!(ex("f(a,)"), "(call f a)");
    assert_eq!(ex("f()"), "(call f)");
    assert_eq!(ex("f(x := 1)"), "(call f (:= x 1))");
    assert_eq!(ex("a[1]"), "([] a 1)");
    assert_eq!(ex("a[1:2]"), "([] a (slice 1 2 _))");
    assert_eq!(ex("a[::3]"), "([] a (slice _ _ 3))");
    assert_eq!(ex("a[:]"), "([] a (slice _ _ _))");
    assert_eq!(
        ex("a[1:2, ::3]"),
        "([] a (tuple (slice 1 2 _) (slice _ _ 3)))"
    );
    assert_eq!(ex("a[1,]"), "([] a (tuple 1))");
    assert_eq!(ex("a[*b]"), "([] a (tuple *b))");
    assert_eq!(ex("a[x:=1]"), "([] a (:= x 1))");
    assert_eq!(ex("a[b, c]"), "([] a (tuple b c))");
}

#[test]
fn statements() {
    assert_eq!(p("a = b = c"), "(= a b c)");
    assert_eq!(p("a, *b = c"), "(= (tuple a *b) c)");
    assert_eq!(p("[a, (b, c)] = d"), "(= [a (tuple b c)] d)");
    assert_eq!(
        p("a.b, c[0] = 1, 2"),
        "(= (tuple (. a b) ([] c 0)) (tuple 1 2))"
    );
    assert_eq!(p("x = *a, *b"), "(= x (tuple *a *b))");
    assert_eq!(p("x = yield"), "(= x (yield _))");
    assert_eq!(p("x += 1"), "(+= x 1)");
    assert_eq!(
        p("x **= 2; y //= 3; z @= w"),
        "(**= x 2)\n(//= y 3)\n(@= z w)"
    );
    assert_eq!(p("x: int"), "(ann x int)");
    assert_eq!(p("x.y: int = 3"), "(ann (. x y) int 3)");
    assert_eq!(p("pass; break; continue"), "pass\nbreak\ncontinue");
    assert_eq!(p("return"), "(return)");
    assert_eq!(p("return *a, b"), "(return (tuple *a b))");
    assert_eq!(p("raise"), "(raise _ _)");
    assert_eq!(p("raise E from e"), "(raise E e)");
    assert_eq!(p("global a, b"), "(global a b)");
    assert_eq!(p("nonlocal a"), "(nonlocal a)");
    assert_eq!(p("del a, b[0], c.d"), "(del a ([] b 0) (. c d))");
    assert_eq!(p("del (a, b), [c]"), "(del (tuple a b) [c])");
    assert_eq!(p("assert x, 'm'"), "(assert x \"m\")");
    assert_eq!(p("import a.b.c as d, e"), "(import a.b.c as d, e)");
    assert_eq!(p("from . import x"), "(from 1 _ x)");
    assert_eq!(
        p("from ...a.b import (c as d, e,)"),
        "(from 3 a.b c as d, e)"
    );
    assert_eq!(p("from .... import x"), "(from 4 _ x)");
    assert_eq!(p("from x import *"), "(from 0 x *)");
    assert_eq!(p("yield x"), "(yield x)");
    assert_eq!(p("yield from x"), "(yield-from x)");
    assert_eq!(p("await x"), "(await x)");
    assert_eq!(p("match = 1\ncase = type"), "(= match 1)\n(= case type)");
    assert_eq!(p("(a) = 1"), "(= a 1)");
    assert_eq!(p("x = 1;"), "(= x 1)");
}

#[test]
fn compound() {
    assert_eq!(
        p("if a:\n    b\nelif c:\n    d\nelse:\n    e\n"),
        "(if a [b] [(if c [d] [e])])"
    );
    assert_eq!(p("if (n := 1): pass"), "(if (:= n 1) [pass] [])");
    assert_eq!(p("while x: pass\nelse: y"), "(while x [pass] [y])");
    assert_eq!(
        p("for a, b in c: pass\nelse: d"),
        "(for (tuple a b) c [pass] [d])"
    );
    assert_eq!(p("for x in *a, b: pass"), "(for x (tuple *a b) [pass] [])");
    assert_eq!(
        p("try:\n a\nexcept E as e:\n b\nexcept (F, G):\n c\nexcept:\n d\nelse:\n e\nfinally:\n f"),
        "(try [a] (except E e [b]) (except (tuple F G) _ [c]) (except _ _ [d]) [e] [f])"
    );
    assert_eq!(p("try:\n a\nfinally:\n f"), "(try [a]  [] [f])");
    assert_eq!(p("with a as b, c: pass"), "(with a as b, c [pass])");
    assert_eq!(
        p("with (a as b, c as d,): pass"),
        "(with a as b, c as d [pass])"
    );
    assert_eq!(p("with (a, b): pass"), "(with a, b [pass])");
    assert_eq!(
        p("with (a, b) as c: pass"),
        "(with (tuple a b) as c [pass])"
    );
    assert_eq!(p("with (a): pass"), "(with a [pass])");
    assert_eq!(p("with (yield): pass"), "(with (yield _) [pass])");
    assert_eq!(
        p("with a as (b, c): pass"),
        "(with a as (tuple b c) [pass])"
    );
    assert_eq!(
        p("with (a) as b, (c) as d: pass"),
        "(with a as b, c as d [pass])"
    );
    assert_eq!(
        p("def f(a, b=1, /, c=2, *args, d, e=3, **kw): pass"),
        "(def f [a b=1 / c=2 *args d e=3 **kw] [pass])"
    );
    assert_eq!(
        p("def f(a: int, *, b: str = 'x') -> None: pass"),
        "(def f [a:int * b:str=\"x\"] -> None [pass])"
    );
    assert_eq!(p("def f(*, a): pass"), "(def f [* a] [pass])");
    assert_eq!(p("def f(a, /): pass"), "(def f [a /] [pass])");
    assert_eq!(p("def f(**kw,): pass"), "(def f [**kw] [pass])");
    assert_eq!(
        p("@d\n@e.f(1)\ndef g(): pass"),
        "(@d @(call (. e f) 1) def g [] [pass])"
    );
    assert_eq!(
        p("@d\nclass A(B, metaclass=M): pass"),
        "(@d class A (B metaclass=M) [pass])"
    );
    assert_eq!(p("class A: pass"), "(class A () [pass])");
    assert_eq!(p("class A(): pass"), "(class A () [pass])");
    assert_eq!(
        p("async def f():\n    await x\n    async for a in b: pass\n    async with c: pass"),
        "(async-def f [] [(await x); (async-for a b [pass] []); (async-with c [pass])])"
    );
    assert_eq!(p("@d\nasync def f(): pass"), "(@d async-def f [] [pass])");
    assert_eq!(
        ex("lambda a, b=1, *c, d, e=2, **f: 0"),
        "(lambda [a b=1 *c d e=2 **f] 0)"
    );
    assert_eq!(ex("lambda *, a: 0"), "(lambda [* a] 0)");
    assert_eq!(ex("lambda a, /, b: 0"), "(lambda [a / b] 0)");
    assert_eq!(
        ex("lambda x: lambda y: x + y"),
        "(lambda [x] (lambda [y] (+ x y)))"
    );
}

#[test]
fn blocks_and_layout() {
    assert_eq!(
        p("if a:\n\tif b:\n\t\tc\n\td\ne"),
        "(if a [(if b [c] []); d] [])\ne"
    );
    assert_eq!(p("if a:\n  b\n\n  # comment\n  c\n"), "(if a [b; c] [])");
    assert_eq!(p("x = (1,\n  2)\n"), "(= x (tuple 1 2))");
    assert_eq!(p("x = 1 + \\\n  2\n"), "(= x (+ 1 2))");
    assert_eq!(p("if a:\r\n  b\r\nc\r"), "(if a [b] [])\nc");
    assert_eq!(p("\u{feff}x"), "x");
    assert_eq!(p(""), "");
    assert_eq!(p("\n\n# c\n   \n"), "");
    assert_eq!(
        p("def f():\n    return 1\n# trailing"),
        "(def f [] [(return 1)])"
    );
    assert_eq!(
        p("if a:\n    pass\n  # odd comment\nb"),
        "(if a [pass] [])\nb"
    );
    assert_eq!(p("ñame = 'é'"), "(= ñame \"é\")");
    assert_eq!(p("x = [\n1,\n# c\n2]"), "(= x [1 2])");
}

#[test]
fn numbers() {
    assert_eq!(ex("0"), "0");
    assert_eq!(ex("00"), "0");
    assert_eq!(ex("1_000_000"), "1000000");
    assert_eq!(ex("0x_ff"), "255");
    assert_eq!(ex("0o17"), "15");
    assert_eq!(ex("0b1010"), "10");
    assert_eq!(ex("1."), "1.0");
    assert_eq!(ex(".5"), "0.5");
    assert_eq!(ex("1e-3"), "0.001");
    assert_eq!(ex("1_0.5_0e1_0"), "105000000000.0");
    assert_eq!(ex("3j"), "3.0j");
    assert_eq!(ex("1.5J"), "1.5j");
    assert_eq!(ex("9223372036854775807"), "9223372036854775807");
    assert_eq!(ex("9223372036854775808"), "big:9223372036854775808");
    assert_eq!(ex("0xffffffffffffffffff"), "big:4722366482869645213695");
    assert_eq!(
        ex(&format!("0b{}", "1".repeat(70))),
        "big:1180591620717411303423"
    );
    assert_eq!(ex("1if x else 2"), "(if x 1 2)");
    assert_eq!(ex("1 .real"), "(. 1 real)");
    assert_eq!(ex("1..real"), "(. 1.0 real)");
    assert_eq!(ex("1e999"), "inf");
}

#[test]
fn strings() {
    assert_eq!(ex(r#"'a' "b" '''c''' """d""""#), "\"abcd\"");
    assert_eq!(
        ex(r#"'\n\t\\\'\"\a\b\f\v\0\101\x41\u00e9\U0001F600'"#),
        "\"\\n\\t\\\\'\\\"\\u{7}\\u{8}\\u{c}\\u{b}\\0AAé😀\""
    );
    assert_eq!(ex(r"'\q'"), r#""\\q""#);
    assert_eq!(ex(r"r'\n\''"), r#""\\n\\'""#);
    assert_eq!(ex(r"b'a\x00\xff\777'"), "b\"a\\0\u{fffd}\u{fffd}\"");
    assert_eq!(ex(r"Rb'\x'"), r#"b"\\x""#);
    assert_eq!(ex(r"U'x'"), "\"x\"");
    assert_eq!(ex("'a\\\nb'"), "\"ab\"");
    assert_eq!(ex("'''a\nb'''"), "\"a\\nb\"");
    assert_eq!(ex("'''a\r\nb'''"), "\"a\\nb\"");
    assert_eq!(ex("b'a' b'b'"), "b\"ab\"");
}

#[test]
fn fstrings() {
    assert_eq!(ex("f'a{b}c'"), "(f \"a\" (fv b) \"c\")");
    assert_eq!(ex("f''"), "(f )");
    assert_eq!(ex("f'abc'"), "(f \"abc\")");
    assert_eq!(ex("f'{{x}}'"), "(f \"{x}\")");
    assert_eq!(ex("f'{x!r}'"), "(f (fv x !r))");
    assert_eq!(ex("f'{x!s:>10}'"), "(f (fv x !s :(f \">10\")))");
    assert_eq!(
        ex("f'{x:{w}.{p}f}'"),
        "(f (fv x :(f (fv w) \".\" (fv p) \"f\")))"
    );
    assert_eq!(ex("f'{x:}'"), "(f (fv x :(f )))");
    assert_eq!(ex("f'{x=}'"), "(f \"x=\" (fv x !r))");
    assert_eq!(ex("f'{x = }'"), "(f \"x = \" (fv x !r))");
    assert_eq!(ex("f'{x=!s}'"), "(f \"x=\" (fv x !s))");
    assert_eq!(ex("f'{x=:>4}'"), "(f \"x=\" (fv x :(f \">4\")))");
    assert_eq!(ex("f'{a == b}'"), "(f (fv (cmp a == b)))");
    assert_eq!(ex("f'{a != b}'"), "(f (fv (cmp a != b)))");
    assert_eq!(ex("f'{\"q\"}'"), "(f (fv \"q\"))");
    assert_eq!(ex("f\"{f'{x}'}\""), "(f (fv (f (fv x))))");
    assert_eq!(ex("f'{d[\"k\"]}'"), "(f (fv ([] d \"k\")))");
    assert_eq!(ex("f'{ {1: 2}[1] }'"), "(f (fv ([] (dict 1:2) 1)))");
    assert_eq!(ex("f'{(x := 1)}'"), "(f (fv (:= x 1)))");
    assert_eq!(ex("f'{a, b}'"), "(f (fv (tuple a b)))");
    assert_eq!(ex("'a' f'{b}' 'c'"), "(f \"a\" (fv b) \"c\")");
    assert_eq!(ex("f'\\n{x}\\t'"), "(f \"\\n\" (fv x) \"\\t\")");
    assert_eq!(ex("rf'\\n{x}'"), "(f \"\\\\n\" (fv x))");
    assert_eq!(ex("f'''{\nx\n}'''"), "(f (fv x))");
    assert_eq!(ex("f'{x:%H:%M}'"), "(f (fv x :(f \"%H:%M\")))");
    assert_eq!(ex("f'{3!r:}'"), "(f (fv 3 !r :(f )))");
    assert_eq!(ex("f'{x}' f'{y}'"), "(f (fv x) (fv y))");
    assert_eq!(ex("f'{lambda_}'"), "(f (fv lambda_))");
}

#[test]
fn errors() {
    let cases: &[(&str, &str, u32)] = &[
        ("x = = 1", "invalid syntax", 1),
        ("f(\n1,\n", "'(' was never closed", 1),
        ("x = 1\n)", "unmatched ')'", 2),
        ("(1, 2]", "closing parenthesis ']' does not match opening parenthesis '('", 1),
        ("(1,\n2]", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2),
        ("if x\n  pass", "expected ':'", 1),
        ("def f()\n  pass", "expected ':'", 1),
        ("class A\n", "expected ':'", 1),
        ("x = 1\ns = 'abc", "unterminated string literal (detected at line 2)", 2),
        ("x = '''abc\n\n", "unterminated triple-quoted string literal (detected at line 3)", 1),
        ("1abc", "invalid decimal literal", 1),
        ("1_", "invalid decimal literal", 1),
        ("1__0", "invalid decimal literal", 1),
        ("1e", "invalid decimal literal", 1),
        ("0x", "invalid hexadecimal literal", 1),
        ("0o8", "invalid digit '8' in octal literal", 1),
        ("0b12", "invalid digit '2' in binary literal", 1),
        ("012", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1),
        ("f() = 1", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1),
        ("x = f() = 1", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1),
        ("f() = x = 1", "cannot assign to function call", 1),
        ("a + 1 = 2", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1),
        ("1 = x", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1),
        ("(1, 2) = x", "cannot assign to literal", 1),
        ("for 1 in x: pass", "cannot assign to literal", 1),
        ("with a as 1: pass", "cannot assign to literal", 1),
        ("[x for 1 in y]", "cannot assign to literal", 1),
        ("None = 1", "cannot assign to None", 1),
        ("del f()", "cannot delete function call", 1),
        ("del *a", "cannot delete starred", 1),
        ("del 1", "cannot delete literal", 1),
        ("x = €", "invalid character '€' (U+20AC)", 1),
        ("x = a\u{a0}b", "invalid non-printable character U+00A0", 1),
        ("f(a=1, b)", "positional argument follows keyword argument", 1),
        ("f(**a, b)", "positional argument follows keyword argument unpacking", 1),
        ("f(**a, *b)", "iterable argument unpacking follows keyword argument unpacking", 1),
        ("f(a=1, a=2)", "keyword argument repeated: a", 1),
        ("f(x for x in y, 1)", "Generator expression must be parenthesized", 1),
        ("f(a.b=1)", "expression cannot contain assignment, perhaps you meant \"==\"?", 1),
        ("def f(a=1, b): pass", "non-default argument follows default argument", 1),
        ("def f(*): pass", "named arguments must follow bare *", 1),
        ("def f(*, **k): pass", "named arguments must follow bare *", 1),
        ("def f(/): pass", "at least one argument must precede /", 1),
        ("def f(a, /, b, /): pass", "/ may appear only once", 1),
        ("def f(*a, /): pass", "/ must be ahead of *", 1),
        ("def f(*a, *b): pass", "* argument may appear only once", 1),
        ("def f(**k, a): pass", "arguments cannot follow var-keyword argument", 1),
        ("def f(a, a): pass", "duplicate argument 'a' in function definition", 1),
        ("lambda a=1, b: 0", "non-default argument follows default argument", 1),
        ("x += 1, 2\n(a, b) += 1", "'tuple' is an illegal expression for augmented assignment", 2),
        ("f() += 1", "'function call' is an illegal expression for augmented assignment", 1),
        ("a, b: int", "only single target (not tuple) can be annotated", 1),
        ("[a]: int", "only single target (not list) can be annotated", 1),
        ("f(): int", "illegal target for annotation", 1),
        ("*a = 1", "starred assignment target must be in a list or tuple", 1),
        ("*a", "can't use starred expression here", 1),
        ("a, *b, *c = d", "multiple starred expressions in assignment", 1),
        ("(*a)", "cannot use starred expression here", 1),
        ("[*x for x in y]", "iterable unpacking cannot be used in comprehension", 1),
        ("{**x for x in y}", "dict unpacking cannot be used in dict comprehension", 1),
        ("b'a' 'b'", "cannot mix bytes and nonbytes literals", 1),
        ("b'é'", "bytes can only contain ASCII literal characters", 1),
        ("'\\x4'", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1),
        ("f'{}'", "f-string: empty expression not allowed", 1),
        ("f'}'", "f-string: single '}' is not allowed", 1),
        ("f'{x'", "f-string: expecting '}'", 1),
        ("f'{x!z}'", "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1),
        ("f'{a b}'", "f-string: invalid syntax. Perhaps you forgot a comma?", 1),
        ("f'{x:{y:{z}}}'", "f-string: expressions nested too deeply", 1),
        ("f'{#}'", "f-string expression part cannot include '#'", 1),
        ("if x = 1: pass", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1),
        ("try:\n  pass\nx = 1", "expected 'except' or 'finally' block", 3),
        ("try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass", "default 'except:' must be last", 3),
        ("except E, F: pass", "invalid syntax", 1),
        ("try:\n  pass\nexcept E, F:\n  pass", "multiple exception types must be parenthesized", 3),
        ("from x import a,", "trailing comma not allowed without surrounding parentheses", 1),
        ("x = 1 if y", "expected 'else' after 'if' expression", 1),
        ("print 'hello'", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1),
        ("[a.b := 1]", "cannot use assignment expressions with attribute", 1),
        ("f((a := 1) := 2)", "cannot use assignment expressions with named expression", 1),
        ("x := 1", "invalid syntax", 1),
        ("a.b := 1", "invalid syntax", 1),
        ("x = 1 +", "invalid syntax", 1),
        ("x = a $ b", "invalid syntax", 1),
        ("a = 1\nb = 2 3\n", "invalid syntax", 2),
        ("x = 1 \\ 2", "unexpected character after line continuation character", 1),
        ("x = (1 2)", "invalid syntax. Perhaps you forgot a comma?", 1),
        ("def f(:\n  pass", "invalid syntax", 1),
        ("1 +\n'abc", "unterminated string literal (detected at line 2)", 2),
        ("x = [1, 2", "'[' was never closed", 1),
        ("foo(a b", "invalid syntax. Perhaps you forgot a comma?", 1),
        ("foo(\na b", "'(' was never closed", 1),
    ];
    for (src, msg, line) in cases {
        let e = err(src);
        assert_eq!((e.msg.as_str(), e.line), (*msg, *line), "source {:?}", src);
        assert_eq!(e.kind, "SyntaxError", "source {:?}", src);
    }
}

#[test]
fn indentation_errors() {
    let cases: &[(&str, &str, u32)] = &[
        (
            "if x:\n    a\n  b",
            "unindent does not match any outer indentation level",
            3,
        ),
        ("a\n  b", "unexpected indent", 2),
        ("if x:\n  a\n    b", "unexpected indent", 3),
        (
            "if x:\npass",
            "expected an indented block after 'if' statement on line 1",
            2,
        ),
        (
            "if x:\n  pass\nelif y:\npass",
            "expected an indented block after 'elif' statement on line 3",
            4,
        ),
        (
            "if x:\n  pass\nelse:\npass",
            "expected an indented block after 'else' statement on line 3",
            4,
        ),
        (
            "while x:\npass",
            "expected an indented block after 'while' statement on line 1",
            2,
        ),
        (
            "for x in y:\npass",
            "expected an indented block after 'for' statement on line 1",
            2,
        ),
        (
            "try:\npass",
            "expected an indented block after 'try' statement on line 1",
            2,
        ),
        (
            "with x:\npass",
            "expected an indented block after 'with' statement on line 1",
            2,
        ),
        (
            "def f():\npass",
            "expected an indented block after function definition on line 1",
            2,
        ),
        (
            "class A:\npass",
            "expected an indented block after class definition on line 1",
            2,
        ),
        (
            "try:\n  a\nexcept:\npass",
            "expected an indented block after 'except' statement on line 3",
            4,
        ),
        (
            "try:\n  a\nfinally:\npass",
            "expected an indented block after 'finally' statement on line 3",
            4,
        ),
        (
            "if x:\n        a\n\tb",
            "inconsistent use of tabs and spaces in indentation",
            3,
        ),
    ];
    for (src, msg, line) in cases {
        let e = err(src);
        assert_eq!(
            (e.kind, e.msg.as_str(), e.line),
            ("IndentationError", *msg, *line),
            "source {:?}",
            src
        );
        assert!(!e.incomplete, "source {:?}", src);
    }
}

fn incomplete(src: &str, mode: Mode) -> bool {
    match parse(src, mode) {
        Ok(_) => false,
        Err(e) => e.incomplete,
    }
}

#[test]
fn incomplete_flag() {
    for src in [
        "f(",
        "x = [1,\n2,",
        "{",
        "'''abc",
        "x = 1 + \\",
        "x = 1 + \\\n",
        "if x:",
        "if x:\n",
        "if x:\n  ",
        "def f():\n  if y:\n",
        "class A:",
        "for x in y:  # comment\n",
        "try:\n  pass\nexcept:",
        "while x:\n  pass\nelse:",
        "s = f'''{x}\n",
    ] {
        assert!(
            incomplete(src, Mode::Exec),
            "exec {:?} should be incomplete: {:?}",
            src,
            parse(src, Mode::Exec)
        );
        assert!(
            incomplete(src, Mode::Single),
            "single {:?} should be incomplete",
            src
        );
    }
    // REPL: an indented block stays open until a blank line is entered
    for src in [
        "if x:\n  pass",
        "def f():\n  return 1",
        "for i in x:\n  if i:\n    pass",
        "@dec",
        "@dec\n",
    ] {
        assert!(
            incomplete(src, Mode::Single),
            "single {:?} should be incomplete: {:?}",
            src,
            parse(src, Mode::Single)
        );
    }
    for src in [
        "if x:\n  pass\n",
        "if x:\n  pass\n  ",
        "x = 1",
        "x = 1\n",
        "",
    ] {
        assert!(
            parse(src, Mode::Single).is_ok(),
            "single {:?} should parse",
            src
        );
    }
    for src in [
        "x = )",
        "x = 'abc",
        "if x:\npass",
        "1 +",
        "if x:\n  pass\n  1 +",
        "f(]",
        "x = 1 2",
    ] {
        assert!(
            !incomplete(src, Mode::Single),
            "single {:?} should be complete (an error)",
            src
        );
        assert!(parse(src, Mode::Single).is_err());
    }
    assert!(crate::input_is_complete("x = 1"));
    assert!(!crate::input_is_complete("x = (1,"));
}

#[test]
fn eval_mode() {
    assert_eq!(ex("  1 + 2  \n\n"), "(+ 1 2)");
    assert_eq!(ex("\n\t x"), "x");
    assert_eq!(ex("1, 2"), "(tuple 1 2)");
    assert!(parse("x = 1", Mode::Eval).is_err());
    assert!(parse("1\n2", Mode::Eval).is_err());
    assert!(parse("", Mode::Eval).is_err());
}

#[test]
fn locations() {
    let m = parse("x = 1\nif a:\n    y = f(b, c)\n", Mode::Exec).unwrap();
    assert_eq!(m.body[0].loc, Loc { line: 1, col: 0 });
    assert_eq!(m.body[1].loc, Loc { line: 2, col: 0 });
    let StmtKind::If { body, .. } = &m.body[1].kind else {
        panic!()
    };
    assert_eq!(body[0].loc, Loc { line: 3, col: 4 });
    let StmtKind::Assign { value, .. } = &body[0].kind else {
        panic!()
    };
    assert_eq!(value.loc, Loc { line: 3, col: 8 });
    let ExprKind::Call { args, .. } = &value.kind else {
        panic!()
    };
    assert_eq!(args[1].loc, Loc { line: 3, col: 13 });
    // columns count characters, not bytes
    let m = parse("é = 'ü'; z = 1", Mode::Exec).unwrap();
    assert_eq!(m.body[1].loc, Loc { line: 1, col: 9 });
    // f-string fields point into the string
    let m = parse("s = f'ab{cd}'", Mode::Exec).unwrap();
    let StmtKind::Assign { value, .. } = &m.body[0].kind else {
        panic!()
    };
    let ExprKind::JoinedStr(parts) = &value.kind else {
        panic!()
    };
    let ExprKind::FormattedValue { value: v, .. } = &parts[1].kind else {
        panic!()
    };
    assert_eq!(v.loc, Loc { line: 1, col: 9 });
    // decorated def: the def's line
    let m = parse("@d\ndef f(): pass", Mode::Exec).unwrap();
    assert_eq!(m.body[0].loc.line, 2);
    let e = err("x = (1 +\n  2 +\n  $)");
    assert_eq!((e.line, e.col), (3, 2));
}

fn deep_inputs() -> Vec<String> {
    let n = 100_000;
    let mut v = Vec::new();
    v.push("(".repeat(n));
    v.push(format!("{}1{}", "(".repeat(n), ")".repeat(n)));
    v.push(format!("{}1", "-".repeat(n)));
    v.push(format!("{}1", "not ".repeat(n)));
    v.push(format!("{}1", "await ".repeat(n)));
    v.push(format!("{}1", "lambda:".repeat(n)));
    v.push(format!("1{}", " if 1 else 1".repeat(n)));
    v.push(format!("x{}", "**x".repeat(n)));
    v.push(format!("x{}", "+x".repeat(n)));
    v.push(format!("x{}", ".a".repeat(n)));
    v.push(format!("x{}", "()".repeat(n)));
    v.push(format!("x{}", "[0]".repeat(n)));
    v.push(format!("{}1{}", "[".repeat(n), "]".repeat(n)));
    v.push(format!("{}1{}", "{".repeat(n), "}".repeat(n)));
    v.push(format!("{}1{}", "f(".repeat(n), ")".repeat(n)));
    v.push(format!("{}1{}", "(-".repeat(n), ")".repeat(n)));
    v.push(format!("{}1{}", "x[".repeat(n), "]".repeat(n)));
    v.push(format!("x = {}1", "y = ".repeat(n)));
    v.push("(1 if 1 else ".repeat(n));
    v.push(format!("x{}", " < x".repeat(n)));
    v.push(format!("x{}", " and x".repeat(n)));
    v.push(format!("{}1{}", "{1: ".repeat(n), "}".repeat(n)));
    v.push(format!("{}1{}", "[x for x in ".repeat(n), "]".repeat(n)));
    v.push(format!("{}1{}", "f(a=".repeat(n), ")".repeat(n)));
    v.push(format!("{}1{}", "x[1:".repeat(n), "]".repeat(n)));
    v.push(format!("{}1", "lambda x=lambda y=".repeat(n)));
    v.push(format!("{}1{}", "(not -".repeat(n), ")".repeat(n)));
    v.push(format!("{}1{}", "(1 if 1 else (".repeat(n), "))".repeat(n)));
    v.push(format!("{}1{}", "[*".repeat(n), "]".repeat(n)));
    v.push(format!("{}1{}", "(yield ".repeat(n), ")".repeat(n)));
    v.push(format!("{}1{}", "f'{".repeat(3), "}'".repeat(3)));
    v.push(format!("x = {}1{}", "(a:=".repeat(n), ")".repeat(n)));
    v.push(format!("{}x", "@d\n".repeat(n)));
    v.push(format!("{}1{}", "(await ".repeat(n), ")".repeat(n)));
    v.push(format!("{}1{}", "x.y(".repeat(n), ")".repeat(n)));
    v.push(format!("{}1{}", "{**".repeat(n), "}".repeat(n)));
    v.push(format!("{}1{}", "(x for x in ".repeat(n), ")".repeat(n)));
    v.push(format!("{}1{}", "((".repeat(n), ",),)".repeat(n)));
    v.push(format!(
        "def f({}1{}): pass",
        "a=(".repeat(n),
        ")".repeat(n)
    ));
    let mut s = String::new();
    for i in 0..200 {
        s.push_str(&" ".repeat(i));
        s.push_str("if x:\n");
    }
    v.push(s);
    let mut s = String::new();
    for i in 0..90 {
        s.push_str(&" ".repeat(i));
        s.push_str("if x:\n");
    }
    s.push_str(&" ".repeat(90));
    s.push_str(&format!("{}1{}\n", "(-".repeat(190), ")".repeat(190)));
    v.push(s);
    v.push(format!("f'{{{}}}'", "(".repeat(300)));
    v.push(format!("f'{}'", "{x:".repeat(1000)));
    v.push(format!("{}'", "f'{".repeat(1000)));
    v
}

fn check_deep() {
    // the tallest ASTs the limits allow must also drop without overflowing
    for src in [
        format!("x = 1{}", " + 1".repeat(700)),
        format!("x{}", ".a".repeat(700)),
        format!("x{}", "()".repeat(700)),
    ] {
        let m = parse(&src, Mode::Exec);
        assert!(m.is_ok(), "{:?}", m.err());
        drop(m);
    }
    for src in deep_inputs() {
        let r = parse(&src, Mode::Exec);
        if let Err(e) = &r {
            assert!(e.line >= 1);
        }
        drop(r);
    }
}

#[test]
fn deep_nesting_main_stack() {
    check_deep();
    // close to the limit is fine
    let src = format!("{}1{}", "(".repeat(80), ")".repeat(80));
    assert_eq!(p(&src), "1");
    let src = format!("{}1{}", "-".repeat(150), "");
    assert!(parse(&src, Mode::Exec).is_ok());
    let mut src = String::new();
    for i in 0..50 {
        src.push_str(&" ".repeat(i));
        src.push_str("if x:\n");
    }
    src.push_str(&" ".repeat(50));
    src.push_str("pass\n");
    assert!(parse(&src, Mode::Exec).is_ok());
    let e = err(&format!("{}1{}", "(".repeat(201), ")".repeat(201)));
    assert_eq!((e.msg.as_str(), e.line), ("too many nested parentheses", 1));
    let src = format!("x = 1{}", " + 1".repeat(300));
    assert!(parse(&src, Mode::Exec).is_ok());
}

#[test]
fn deep_nesting_small_stack() {
    let h = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(check_deep)
        .unwrap();
    h.join().unwrap();
}

// ----- randomized robustness: mutated valid snippets and random bytes must never panic -----

const CORPUS: &[&str] = &[
    "def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:\n    return a + b\n",
    "class A(B, metaclass=M):\n    x: int = 1\n    def m(self): pass\n",
    "for i, (a, *b) in enumerate(x):\n    if i: break\n    else: continue\nelse:\n    pass\n",
    "try:\n    x = [i async for i in y if i]\nexcept (E, F) as e:\n    raise G from e\nfinally:\n    del x[0], y.z\n",
    "with open(f) as g, h as i:\n    s = f'{g!r:>{w}} {h=}' 'lit' + rb'\\x00'\n",
    "x = {**a, 'b': [1, 2.5, 3j, 0x_ff, 1e-3], c: {d for d in e}}\n",
    "lambda *a, **k: (yield from z) if not a else await b ** -c\n",
    "@dec(1)\nasync def g():\n    async with a: await b\n    async for c in d: yield c\n",
    "a = b = c[1:2, ::3, ...]\nassert a, 'msg'\nglobal q\nimport a.b as c\nfrom ..d import (e, f,)\n",
    "if (n := len(a)) > 10: print(f\"{n = }\", *a, sep='\\n')\nelif x: pass\n",
    "s = '''multi\nline''' + \"\\N\" + r'raw\\'\nx = -1 // 2 % 3 @ m | 4 ^ 5 & 6 << 7 >> 8\n",
    "while 1:\n\tif x:\n\t\tx -= 1\n\telse:\n\t\tbreak\n",
    "def f():\n    nonlocal x\n    return *a, b\n",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const PIECES: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ":", "\n", "\n    ", "\t", "\\", "'", "\"", "'''", "f'", "{",
    "}", "!r", "=", ":=", "*", "**", "lambda", "yield", "async", "await", "not", "in", "is", "if",
    "else", "for", ",", ".", "...", "0x", "1e", "_", "é", "€", "\u{200b}", "\r", "#", "@", "->",
    "def", "class", "\u{0}", "0", "9", "j", "b'", "rb'",
];

fn mutate(rng: &mut Rng, src: &str) -> String {
    let mut b: Vec<u8> = src.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(6) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b.truncate(i);
            }
            1 if !b.is_empty() => {
                let i = rng.below(b.len());
                let j = (i + rng.below(8)).min(b.len());
                b.drain(i..j);
            }
            2 => {
                let i = rng.below(b.len() + 1);
                let piece = PIECES[rng.below(PIECES.len())];
                for (k, c) in piece.bytes().enumerate() {
                    b.insert(i + k, c);
                }
            }
            3 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = (rng.next() & 0x7f) as u8;
            }
            4 => {
                let i = rng.below(b.len() + 1);
                let other = CORPUS[rng.below(CORPUS.len())].as_bytes();
                let j = rng.below(other.len());
                let k = (j + rng.below(40)).min(other.len());
                for (n, c) in other[j..k].iter().enumerate() {
                    b.insert(i + n, *c);
                }
            }
            _ => {
                let i = rng.below(b.len() + 1);
                b.insert(i, (rng.next() & 0xff) as u8);
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

#[test]
fn corpus_parses() {
    for src in CORPUS {
        if let Err(e) = parse(src, Mode::Exec) {
            // the '\N' snippet is expected to fail
            assert!(e.msg.contains("\\N"), "{:?}: {:?}", src, e);
        }
    }
}

#[test]
fn randomized_no_panic() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for i in 0..6000 {
        let src = if i % 10 == 9 {
            let n = rng.below(200);
            let bytes: Vec<u8> = (0..n).map(|_| (rng.next() & 0xff) as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            let base = CORPUS[rng.below(CORPUS.len())];
            mutate(&mut rng, base)
        };
        for mode in [Mode::Exec, Mode::Single, Mode::Eval] {
            if let Err(e) = parse(&src, mode) {
                assert!(e.line >= 1, "{:?}", src);
                assert!(e.kind == "SyntaxError" || e.kind == "IndentationError");
            }
        }
    }
}

std::thread_local! { pub static PROBE: core::cell::Cell<usize> = const { core::cell::Cell::new(usize::MAX) }; }

#[test]
fn measure_stack() {
    for (i, src) in deep_inputs().iter().enumerate() {
        let x = 0u8;
        let top = &x as *const u8 as usize;
        PROBE.with(|p| p.set(usize::MAX));
        let r = parse(src, Mode::Exec);
        let used = top.saturating_sub(PROBE.with(|p| p.get()));
        assert!(
            used < 210_000,
            "input {i} used {used} bytes of stack; {:?}",
            r.err().map(|e| e.msg)
        );
    }
}

/// Linear time: run with `cargo test --release -p weft-vm big_source -- --nocapture` to see timings.
#[test]
fn big_source() {
    let mut src = String::new();
    while src.len() < 1_000_000 {
        src.push_str(CORPUS[src.len() % 7]);
        src.push_str("x = [1, 2, 3] + [f(a, b=c) for a in range(10) if a % 2]  # comment\n");
        src.push_str("s = 'a string' \"another\" f'{x!r:>{w}}'\n");
    }
    src = src.replace("\\N", "n");
    let shapes = [
        src,
        format!("x = [{}]", "1, ".repeat(250_000)),
        format!("x = 1{}", " + 1".repeat(250_000)).replace("+ 1 + 1 + 1 + 1", "+ (1 + 1 + 1 + 1)"),
        format!("x = '{}'", "a".repeat(1_000_000)),
        format!("x = f'{}'", "{a}".repeat(250_000)),
        "x = 1 \\\n".repeat(100_000),
        "\n".repeat(1_000_000),
        format!("x = ({})", "\n".repeat(1_000_000)),
        "a\n".repeat(500_000),
        "a\n".repeat(125_000),
        "a\n".repeat(1_000_000),
    ];
    for s in &shapes {
        let t = std::time::Instant::now();
        let r = parse(s, Mode::Exec);
        let dt = t.elapsed();
        std::println!(
            "{} bytes: {:?} ({})",
            s.len(),
            dt,
            if r.is_ok() { "ok" } else { "error" }
        );
    }
}
