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

/// error message and line
fn em(src: &str) -> (String, u32) {
    let e = err(src);
    (e.msg, e.line)
}

#[test]
fn smoke() {
    assert_eq!(p("x = 1\n"), "(= x 1)");
    assert_eq!(p("print('hi')"), "(call print \"hi\")");
}
