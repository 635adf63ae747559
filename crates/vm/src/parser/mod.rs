//! The parser: tokens → AST (see [`crate::ast`]), by recursive descent with precedence
//! climbing for binary operators.
//!
//! Nesting is bounded: every recursion and every link of a left-nested chain (`a+b+c`,
//! `a.b.c`, `f()()`) counts towards [`MAX_DEPTH`], so deeply nested input is a clean
//! `SyntaxError` and the AST's height stays bounded for the compiler.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::ast::*;
use crate::error::{CompileError, Mode};
use crate::lexer::{self, FStrTok, LexError, LexMode, Tok, Token};

/// Maximum nesting, in units: each recursion of the expression parser costs one (a bracket
/// level costs about two), each link of a left-nested chain one, an indented block three.
/// Chosen so that the worst case stays under ~200 KB of stack in the dev profile (measured
/// ~1.05 KB per unit), which lets the parser run on a 256 KB thread.
pub const MAX_DEPTH: u32 = 180;
/// What one level of indented block costs in [`MAX_DEPTH`] units (its frames are bigger).
const BLOCK_COST: u32 = 3;
/// Left-nested chains (`a+b+c`, `a.b.c`) use no parser stack, only AST height: one unit
/// per this many links. The AST's height is thus at most about 4 * MAX_DEPTH.
const CHAIN_LINKS_PER_UNIT: u32 = 4;

type PResult<T> = Result<T, CompileError>;

/// Parse a source text.
pub fn parse(source: &str, mode: Mode) -> Result<Module, CompileError> {
    let src = lexer::normalize(source);
    let lex_mode = if mode == Mode::Eval {
        LexMode::Eval
    } else {
        LexMode::File
    };
    let lexed = lexer::tokenize(&src, lex_mode);
    let mut p = Parser::new(lexed.tokens, lexed.error, mode, 0);
    let res = if mode == Mode::Eval {
        p.parse_eval()
    } else {
        p.parse_file()
    };
    match res {
        Ok(m) => {
            if mode == Mode::Single && lexed.open_block_at_eof {
                let t = p.toks.last().map(|t| (t.line, t.col)).unwrap_or((1, 0));
                return Err(CompileError::syntax("incomplete input", t.0, t.1).eof());
            }
            Ok(m)
        }
        Err(e) => Err(p.finish_error(e)),
    }
}

// binding powers
const P_OR: u8 = 1;
const P_AND: u8 = 2;
const P_NOT: u8 = 3;
const P_CMP: u8 = 4;
const P_BOR: u8 = 5;
const P_BXOR: u8 = 6;
const P_BAND: u8 = 7;
const P_SHIFT: u8 = 8;
const P_ARITH: u8 = 9;
const P_TERM: u8 = 10;
const P_UNARY: u8 = 11;
const P_POWER: u8 = 12;

fn binop_of(t: &Tok) -> Option<(u8, BinOp)> {
    Some(match t {
        Tok::VBar => (P_BOR, BinOp::BitOr),
        Tok::Circumflex => (P_BXOR, BinOp::BitXor),
        Tok::Amper => (P_BAND, BinOp::BitAnd),
        Tok::LeftShift => (P_SHIFT, BinOp::LShift),
        Tok::RightShift => (P_SHIFT, BinOp::RShift),
        Tok::Plus => (P_ARITH, BinOp::Add),
        Tok::Minus => (P_ARITH, BinOp::Sub),
        Tok::Star => (P_TERM, BinOp::Mult),
        Tok::Slash => (P_TERM, BinOp::Div),
        Tok::DoubleSlash => (P_TERM, BinOp::FloorDiv),
        Tok::Percent => (P_TERM, BinOp::Mod),
        Tok::At => (P_TERM, BinOp::MatMult),
        Tok::DoubleStar => (P_POWER, BinOp::Pow),
        _ => return None,
    })
}

fn augop_of(t: &Tok) -> Option<BinOp> {
    Some(match t {
        Tok::PlusEqual => BinOp::Add,
        Tok::MinEqual => BinOp::Sub,
        Tok::StarEqual => BinOp::Mult,
        Tok::SlashEqual => BinOp::Div,
        Tok::PercentEqual => BinOp::Mod,
        Tok::AmperEqual => BinOp::BitAnd,
        Tok::VBarEqual => BinOp::BitOr,
        Tok::CircumflexEqual => BinOp::BitXor,
        Tok::LeftShiftEqual => BinOp::LShift,
        Tok::RightShiftEqual => BinOp::RShift,
        Tok::DoubleStarEqual => BinOp::Pow,
        Tok::DoubleSlashEqual => BinOp::FloorDiv,
        Tok::AtEqual => BinOp::MatMult,
        _ => return None,
    })
}

/// Can this token start an expression (used for optional parts and trailing commas)?
fn starts_expr(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Name(_)
            | Tok::Int(_)
            | Tok::BigInt(_)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Str(_)
            | Tok::Bytes(_)
            | Tok::FStr(_)
            | Tok::LPar
            | Tok::LSqb
            | Tok::LBrace
            | Tok::Minus
            | Tok::Plus
            | Tok::Tilde
            | Tok::Not
            | Tok::Await
            | Tok::Lambda
            | Tok::Star
            | Tok::Ellipsis
            | Tok::None
            | Tok::True
            | Tok::False
    )
}

/// The name CPython uses for an expression in "cannot assign to …" messages.
pub fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::True) => "True",
        ExprKind::Constant(Constant::False) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TargetCtx {
    Assign,
    Del,
}

fn mk(loc: Loc, kind: ExprKind) -> Expr {
    Expr { loc, kind }
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    lex_error: Option<LexError>,
    mode: Mode,
    depth: u32,
}

impl Parser {
    fn new(mut toks: Vec<Token>, lex_error: Option<LexError>, mode: Mode, depth: u32) -> Self {
        if toks.is_empty() {
            toks.push(Token {
                tok: Tok::EndMarker,
                line: 1,
                col: 0,
                end_line: 1,
                end_col: 0,
            });
        }
        Parser {
            toks,
            pos: 0,
            lex_error,
            mode,
            depth,
        }
    }

    // ----- token access -----

    #[inline]
    fn tok(&self) -> &Tok {
        &self.toks[self.pos].tok
    }
    #[inline]
    fn nth(&self, n: usize) -> &Tok {
        let i = self.pos.saturating_add(n).min(self.toks.len() - 1);
        &self.toks[i].tok
    }
    #[inline]
    fn at(&self, t: &Tok) -> bool {
        self.tok() == t
    }
    fn loc(&self) -> Loc {
        let t = &self.toks[self.pos];
        Loc {
            line: t.line,
            col: t.col,
        }
    }
    fn advance(&mut self) {
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
    }
    fn eat(&mut self, t: &Tok) -> bool {
        if self.at(t) {
            self.advance();
            true
        } else {
            false
        }
    }

    // ----- errors -----

    /// "invalid syntax" at the current token (or the lexer's error if we are at it)
    #[cold]
    #[inline(never)]
    fn syntax_error(&self) -> CompileError {
        self.error_here("invalid syntax")
    }

    #[cold]
    #[inline(never)]
    fn error_here(&self, msg: &str) -> CompileError {
        let t = &self.toks[self.pos];
        match t.tok {
            Tok::Error => self.lex_err(),
            Tok::EndMarker if self.mode == Mode::Single => {
                CompileError::syntax(msg, t.line, t.col).eof()
            }
            Tok::Indent => CompileError::indentation("unexpected indent", t.line, t.col),
            Tok::Dedent => CompileError::indentation("unexpected unindent", t.line, t.col),
            _ => CompileError::syntax(msg, t.line, t.col),
        }
    }

    #[cold]
    #[inline(never)]
    fn lex_err(&self) -> CompileError {
        match &self.lex_error {
            Some(e) => e.err.clone(),
            None => CompileError::syntax("invalid syntax", 1, 0),
        }
    }

    #[cold]
    #[inline(never)]
    fn err_at(&self, loc: Loc, msg: impl Into<String>) -> CompileError {
        CompileError::syntax(msg, loc.line, loc.col)
    }

    fn expect(&mut self, t: &Tok) -> PResult<()> {
        if self.eat(t) {
            Ok(())
        } else {
            Err(self.syntax_error())
        }
    }

    fn expect_colon(&mut self) -> PResult<()> {
        if self.eat(&Tok::Colon) {
            Ok(())
        } else if self.at(&Tok::Newline) {
            Err(self.error_here("expected ':'"))
        } else {
            Err(self.syntax_error())
        }
    }

    fn expect_name(&mut self) -> PResult<Ident> {
        if let Tok::Name(n) = self.tok() {
            let n = n.clone();
            self.advance();
            Ok(n)
        } else {
            Err(self.syntax_error())
        }
    }

    /// Tokenizer errors anywhere in the source win over parser errors (as in CPython),
    /// except "'(' was never closed" for a bracket opened on or after the error's line.
    #[cold]
    #[inline(never)]
    fn finish_error(&self, e: CompileError) -> CompileError {
        match &self.lex_error {
            Some(le) if le.err != e => match le.unclosed_paren_line {
                Some(l) if e.line <= l => e,
                _ => le.err.clone(),
            },
            _ => e,
        }
    }

    fn enter_n(&mut self, n: u32) -> PResult<()> {
        self.depth += n - 1;
        self.enter()
    }

    fn enter(&mut self) -> PResult<()> {
        #[cfg(test)]
        {
            let x = 0u8;
            tests::PROBE.with(|p| p.set(p.get().min(&x as *const u8 as usize)));
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let t = &self.toks[self.pos];
            return Err(CompileError::syntax(
                "too many nested parentheses",
                t.line,
                t.col,
            ));
        }
        Ok(())
    }
    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ----- top level -----

    fn parse_file(&mut self) -> PResult<Module> {
        let mut body = Vec::new();
        loop {
            match self.tok() {
                Tok::EndMarker => break,
                Tok::Newline => self.advance(),
                _ => self.parse_statement(&mut body)?,
            }
        }
        Ok(Module { body })
    }

    fn parse_eval(&mut self) -> PResult<Module> {
        while self.eat(&Tok::Newline) {}
        let loc = self.loc();
        let e = self.parse_star_exprs()?;
        if let ExprKind::Starred(_) = e.kind {
            return Err(self.err_at(e.loc, "can't use starred expression here"));
        }
        while self.eat(&Tok::Newline) {}
        if !self.at(&Tok::EndMarker) {
            return Err(self.syntax_error());
        }
        Ok(Module {
            body: vec![Stmt {
                loc,
                kind: StmtKind::Expr(e),
            }],
        })
    }

    /// One statement (a compound statement or a line of simple statements), appended to `out`.
    fn parse_statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        match self.tok() {
            Tok::If
            | Tok::While
            | Tok::For
            | Tok::Try
            | Tok::With
            | Tok::Def
            | Tok::Class
            | Tok::At
            | Tok::Async
            | Tok::Indent
            | Tok::Error => {
                let s = self.parse_compound()?;
                out.push(s);
                Ok(())
            }
            _ => self.parse_simple_stmts(out),
        }
    }

    #[inline(never)]
    fn parse_compound(&mut self) -> PResult<Stmt> {
        let loc = self.loc();
        match self.tok() {
            Tok::If => self.parse_if(false),
            Tok::While => self.parse_while(),
            Tok::For => self.parse_for(loc, false),
            Tok::Try => self.parse_try(),
            Tok::With => self.parse_with(loc, false),
            Tok::Def => self.parse_def(Vec::new(), loc, false),
            Tok::Class => self.parse_class(Vec::new()),
            Tok::At => self.parse_decorated(),
            Tok::Async => {
                self.advance();
                match self.tok() {
                    Tok::Def => self.parse_def(Vec::new(), loc, true),
                    Tok::For => self.parse_for(loc, true),
                    Tok::With => self.parse_with(loc, true),
                    _ => Err(self.syntax_error()),
                }
            }
            Tok::Indent => {
                let t = &self.toks[self.pos];
                Err(CompileError::indentation(
                    "unexpected indent",
                    t.line,
                    t.col,
                ))
            }
            _ => Err(self.lex_err()),
        }
    }

    #[inline(never)]
    fn parse_simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let s = self.parse_simple_stmt()?;
            out.push(s);
            if self.eat(&Tok::Semi) {
                if self.at(&Tok::Newline) {
                    break;
                }
                continue;
            }
            break;
        }
        if self.eat(&Tok::Newline) {
            Ok(())
        } else {
            Err(self.syntax_error())
        }
    }

    /// The block after a compound statement header (the ':' is consumed here).
    fn parse_block(&mut self, what: &str, header_line: u32) -> PResult<Vec<Stmt>> {
        self.expect_colon()?;
        self.enter_n(BLOCK_COST)?;
        let r = self.parse_block_inner(what, header_line);
        self.depth -= BLOCK_COST;
        r
    }

    fn parse_block_inner(&mut self, what: &str, header_line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if !self.at(&Tok::Newline) {
            self.parse_simple_stmts(&mut body)?;
            return Ok(body);
        }
        self.advance();
        if !self.at(&Tok::Indent) {
            let mut i = self.pos;
            while self.toks[i].tok == Tok::Dedent && i + 1 < self.toks.len() {
                i += 1;
            }
            let t = &self.toks[i];
            if t.tok == Tok::Error {
                return Err(self.lex_err());
            }
            let here = &self.toks[self.pos];
            let e = CompileError::indentation(
                format!(
                    "expected an indented block after {} on line {}",
                    what, header_line
                ),
                here.line,
                here.col,
            );
            return Err(if t.tok == Tok::EndMarker { e.eof() } else { e });
        }
        self.advance();
        loop {
            match self.tok() {
                Tok::Dedent => {
                    self.advance();
                    break;
                }
                Tok::EndMarker => break,
                Tok::Newline => self.advance(),
                _ => self.parse_statement(&mut body)?,
            }
        }
        Ok(body)
    }

    fn at_stmt_end(&self) -> bool {
        matches!(self.tok(), Tok::Newline | Tok::Semi | Tok::EndMarker)
    }

    // ----- simple statements -----

    #[inline(never)]
    fn parse_simple_stmt(&mut self) -> PResult<Stmt> {
        let loc = self.loc();
        let kind = match self.tok() {
            Tok::Pass => {
                self.advance();
                StmtKind::Pass
            }
            Tok::Break => {
                self.advance();
                StmtKind::Break
            }
            Tok::Continue => {
                self.advance();
                StmtKind::Continue
            }
            Tok::Return => {
                self.advance();
                if self.at_stmt_end() {
                    StmtKind::Return(None)
                } else {
                    let e = self.parse_star_exprs()?;
                    self.no_bare_starred(&e)?;
                    StmtKind::Return(Some(e))
                }
            }
            Tok::Raise => {
                self.advance();
                if self.at_stmt_end() {
                    StmtKind::Raise {
                        exc: None,
                        cause: None,
                    }
                } else {
                    let exc = self.parse_test()?;
                    let cause = if self.eat(&Tok::From) {
                        Some(self.parse_test()?)
                    } else {
                        None
                    };
                    StmtKind::Raise {
                        exc: Some(exc),
                        cause,
                    }
                }
            }
            Tok::Global | Tok::Nonlocal => {
                let global = self.at(&Tok::Global);
                self.advance();
                let mut names = vec![self.expect_name()?];
                while self.eat(&Tok::Comma) {
                    names.push(self.expect_name()?);
                }
                if global {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            Tok::Del => {
                self.advance();
                let mut targets = Vec::new();
                loop {
                    let e = self.parse_star_expr()?;
                    self.check_target(&e, TargetCtx::Del)?;
                    targets.push(e);
                    if self.at(&Tok::Comma) && starts_expr(self.nth(1)) {
                        self.advance();
                        continue;
                    }
                    self.eat(&Tok::Comma);
                    break;
                }
                StmtKind::Del(targets)
            }
            Tok::Assert => {
                self.advance();
                let test = self.parse_test()?;
                let msg = if self.eat(&Tok::Comma) {
                    Some(self.parse_test()?)
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Tok::Import => {
                self.advance();
                let mut names = Vec::new();
                loop {
                    let name = self.parse_dotted_name()?;
                    let asname = if self.eat(&Tok::As) {
                        Some(self.expect_name()?)
                    } else {
                        None
                    };
                    names.push(Alias { name, asname });
                    if !self.eat(&Tok::Comma) {
                        break;
                    }
                }
                StmtKind::Import(names)
            }
            Tok::From => self.parse_from_import()?,
            _ => return self.parse_expr_stmt(),
        };
        Ok(Stmt { loc, kind })
    }

    fn parse_dotted_name(&mut self) -> PResult<String> {
        let mut name = self.expect_name()?;
        while self.at(&Tok::Dot) {
            self.advance();
            name.push('.');
            name.push_str(&self.expect_name()?);
        }
        Ok(name)
    }

    #[inline(never)]
    fn parse_from_import(&mut self) -> PResult<StmtKind> {
        self.advance();
        let mut level: u32 = 0;
        loop {
            match self.tok() {
                Tok::Dot => level = level.saturating_add(1),
                Tok::Ellipsis => level = level.saturating_add(3),
                _ => break,
            }
            self.advance();
        }
        let module = if matches!(self.tok(), Tok::Name(_)) {
            Some(self.parse_dotted_name()?)
        } else {
            None
        };
        if module.is_none() && level == 0 {
            return Err(self.syntax_error());
        }
        self.expect(&Tok::Import)?;
        let mut names = Vec::new();
        if self.eat(&Tok::Star) {
            names.push(Alias {
                name: String::from("*"),
                asname: None,
            });
        } else {
            let paren = self.eat(&Tok::LPar);
            loop {
                let name = self.expect_name()?;
                let asname = if self.eat(&Tok::As) {
                    Some(self.expect_name()?)
                } else {
                    None
                };
                names.push(Alias { name, asname });
                if !self.eat(&Tok::Comma) {
                    break;
                }
                if paren && self.at(&Tok::RPar) {
                    break;
                }
                if !paren && !matches!(self.tok(), Tok::Name(_)) {
                    return Err(self
                        .error_here("trailing comma not allowed without surrounding parentheses"));
                }
            }
            if paren {
                self.expect(&Tok::RPar)?;
            }
        }
        Ok(StmtKind::ImportFrom {
            module,
            names,
            level,
        })
    }

    #[inline(never)]
    fn parse_expr_stmt(&mut self) -> PResult<Stmt> {
        let loc = self.loc();
        let first = self.parse_yield_or_star_exprs()?;
        if self.at(&Tok::Equal) {
            let mut targets = vec![first];
            let mut starts_bitor = Vec::new();
            let value;
            loop {
                self.advance();
                starts_bitor.push(!matches!(
                    self.tok(),
                    Tok::Not | Tok::Lambda | Tok::Star | Tok::Yield
                ));
                let v = self.parse_yield_or_star_exprs()?;
                if self.at(&Tok::Equal) {
                    targets.push(v);
                } else {
                    value = v;
                    break;
                }
            }
            let n = targets.len();
            for (i, t) in targets.iter().enumerate() {
                if let Err(e) = self.check_target(t, TargetCtx::Assign) {
                    let here_ok = i + 1 == n
                        && starts_bitor[i]
                        && !matches!(
                            t.kind,
                            ExprKind::List(_)
                                | ExprKind::Tuple(_)
                                | ExprKind::GeneratorExp { .. }
                                | ExprKind::Constant(
                                    Constant::True | Constant::False | Constant::None
                                )
                                | ExprKind::Compare { .. }
                                | ExprKind::BoolOp { .. }
                                | ExprKind::IfExp { .. }
                                | ExprKind::Lambda { .. }
                                | ExprKind::NamedExpr { .. }
                                | ExprKind::Starred(_)
                                | ExprKind::Yield(_)
                                | ExprKind::YieldFrom(_)
                                | ExprKind::UnaryOp {
                                    op: UnaryOp::Not,
                                    ..
                                }
                        );
                    if here_ok {
                        return Err(self.err_at(
                            t.loc,
                            format!(
                                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                                expr_name(t)
                            ),
                        ));
                    }
                    if matches!(t.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
                        return Err(
                            self.err_at(t.loc, "assignment to yield expression not possible")
                        );
                    }
                    return Err(e);
                }
            }
            self.no_bare_starred(&value)?;
            return Ok(Stmt {
                loc,
                kind: StmtKind::Assign { targets, value },
            });
        }
        if let Some(op) = augop_of(self.tok()) {
            match first.kind {
                ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
                _ => {
                    return Err(self.err_at(
                        first.loc,
                        format!(
                            "'{}' is an illegal expression for augmented assignment",
                            expr_name(&first)
                        ),
                    ))
                }
            }
            self.advance();
            let value = self.parse_yield_or_star_exprs()?;
            self.no_bare_starred(&value)?;
            return Ok(Stmt {
                loc,
                kind: StmtKind::AugAssign {
                    target: first,
                    op,
                    value,
                },
            });
        }
        if self.at(&Tok::Colon) {
            match first.kind {
                ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
                ExprKind::Tuple(_) => {
                    return Err(
                        self.err_at(first.loc, "only single target (not tuple) can be annotated")
                    )
                }
                ExprKind::List(_) => {
                    return Err(
                        self.err_at(first.loc, "only single target (not list) can be annotated")
                    )
                }
                _ => return Err(self.err_at(first.loc, "illegal target for annotation")),
            }
            self.advance();
            let annotation = self.parse_test()?;
            let value = if self.eat(&Tok::Equal) {
                let v = self.parse_yield_or_star_exprs()?;
                self.no_bare_starred(&v)?;
                Some(v)
            } else {
                None
            };
            return Ok(Stmt {
                loc,
                kind: StmtKind::AnnAssign {
                    target: first,
                    annotation,
                    value,
                },
            });
        }
        self.no_bare_starred(&first)?;
        if !self.at_stmt_end() {
            if let ExprKind::Name(n) = &first.kind {
                if (n == "print" || n == "exec") && starts_expr(self.tok()) && !self.at(&Tok::Star)
                {
                    return Err(self.err_at(
                        first.loc,
                        format!(
                            "Missing parentheses in call to '{}'. Did you mean {}(...)?",
                            n, n
                        ),
                    ));
                }
            }
        }
        Ok(Stmt {
            loc,
            kind: StmtKind::Expr(first),
        })
    }

    #[cold]
    #[inline(never)]
    fn no_bare_starred(&self, e: &Expr) -> PResult<()> {
        if let ExprKind::Starred(_) = e.kind {
            return Err(self.err_at(e.loc, "can't use starred expression here"));
        }
        Ok(())
    }

    /// Check an assignment / for / with / comprehension / del target.
    #[cold]
    #[inline(never)]
    fn check_target(&self, e: &Expr, ctx: TargetCtx) -> PResult<()> {
        let verb = if ctx == TargetCtx::Del {
            "delete"
        } else {
            "assign to"
        };
        match &e.kind {
            ExprKind::Name(n) => {
                if n == "__debug__" {
                    return Err(self.err_at(e.loc, format!("cannot {} __debug__", verb)));
                }
                Ok(())
            }
            ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                let mut starred = 0;
                for x in elts {
                    if let ExprKind::Starred(inner) = &x.kind {
                        if ctx == TargetCtx::Del {
                            return Err(self.err_at(x.loc, "cannot delete starred"));
                        }
                        starred += 1;
                        if starred > 1 {
                            return Err(
                                self.err_at(x.loc, "multiple starred expressions in assignment")
                            );
                        }
                        if let ExprKind::Starred(_) = inner.kind {
                            return Err(self.err_at(inner.loc, "cannot assign to starred"));
                        }
                        self.check_target(inner, ctx)?;
                    } else {
                        self.check_target(x, ctx)?;
                    }
                }
                Ok(())
            }
            ExprKind::Starred(_) => {
                if ctx == TargetCtx::Del {
                    Err(self.err_at(e.loc, "cannot delete starred"))
                } else {
                    Err(self.err_at(
                        e.loc,
                        "starred assignment target must be in a list or tuple",
                    ))
                }
            }
            _ => Err(self.err_at(e.loc, format!("cannot {} {}", verb, expr_name(e)))),
        }
    }

    // ----- compound statements -----

    fn parse_test_eq_check(&mut self) -> PResult<Expr> {
        let e = self.parse_named()?;
        if self.at(&Tok::Equal) {
            return Err(self.eq_misuse(&e));
        }
        Ok(e)
    }

    /// `x = 1` where an expression was expected
    #[cold]
    #[inline(never)]
    fn eq_misuse(&self, e: &Expr) -> CompileError {
        match e.kind {
            ExprKind::Name(_) => self.err_at(
                e.loc,
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            ),
            ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::NamedExpr { .. }
            | ExprKind::UnaryOp {
                op: UnaryOp::Not, ..
            } => self.syntax_error(),
            _ => self.err_at(
                e.loc,
                format!(
                    "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                    expr_name(e)
                ),
            ),
        }
    }

    #[inline(never)]
    fn parse_if(&mut self, is_elif: bool) -> PResult<Stmt> {
        let loc = self.loc();
        self.advance();
        let test = self.parse_test_eq_check()?;
        let body = self.parse_block(
            if is_elif {
                "'elif' statement"
            } else {
                "'if' statement"
            },
            loc.line,
        )?;
        let orelse = match self.tok() {
            Tok::Elif => {
                self.enter()?;
                let s = self.parse_if(true);
                self.leave();
                vec![s?]
            }
            Tok::Else => {
                let l = self.loc();
                self.advance();
                self.parse_block("'else' statement", l.line)?
            }
            _ => Vec::new(),
        };
        Ok(Stmt {
            loc,
            kind: StmtKind::If { test, body, orelse },
        })
    }

    fn parse_else(&mut self) -> PResult<Vec<Stmt>> {
        if self.at(&Tok::Else) {
            let l = self.loc();
            self.advance();
            self.parse_block("'else' statement", l.line)
        } else {
            Ok(Vec::new())
        }
    }

    #[inline(never)]
    fn parse_while(&mut self) -> PResult<Stmt> {
        let loc = self.loc();
        self.advance();
        let test = self.parse_test_eq_check()?;
        let body = self.parse_block("'while' statement", loc.line)?;
        let orelse = self.parse_else()?;
        Ok(Stmt {
            loc,
            kind: StmtKind::While { test, body, orelse },
        })
    }

    #[inline(never)]
    fn parse_for(&mut self, loc: Loc, is_async: bool) -> PResult<Stmt> {
        let line = self.loc().line;
        self.advance();
        let target = self.parse_target_list()?;
        self.check_target(&target, TargetCtx::Assign)?;
        self.expect(&Tok::In)?;
        let iter = self.parse_star_exprs()?;
        self.no_bare_starred(&iter)?;
        let body = self.parse_block("'for' statement", line)?;
        let orelse = self.parse_else()?;
        Ok(Stmt {
            loc,
            kind: StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            },
        })
    }

    /// `a, *b, c` before `in` (for loops and comprehensions)
    #[inline(never)]
    fn parse_target_list(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        let mut items = Vec::new();
        let mut comma = false;
        loop {
            let item = if self.at(&Tok::Star) {
                let l = self.loc();
                self.advance();
                let e = self.parse_bp(P_BOR)?;
                mk(l, ExprKind::Starred(Box::new(e)))
            } else {
                self.parse_bp(P_BOR)?
            };
            items.push(item);
            if self.at(&Tok::Comma) {
                comma = true;
                self.advance();
                if starts_expr(self.tok()) {
                    continue;
                }
            }
            break;
        }
        if !comma && items.len() == 1 {
            return Ok(items
                .pop()
                .unwrap_or_else(|| mk(loc, ExprKind::Tuple(Vec::new()))));
        }
        Ok(mk(loc, ExprKind::Tuple(items)))
    }

    #[inline(never)]
    fn parse_try(&mut self) -> PResult<Stmt> {
        let loc = self.loc();
        self.advance();
        let body = self.parse_block("'try' statement", loc.line)?;
        let mut handlers = Vec::new();
        while self.at(&Tok::Except) {
            let hloc = self.loc();
            self.advance();
            if self.at(&Tok::Star) {
                return Err(self.error_here("except* is not supported"));
            }
            let (typ, name) = if self.at(&Tok::Colon) {
                (None, None)
            } else {
                let t = self.parse_test()?;
                if self.at(&Tok::Comma) {
                    return Err(
                        self.err_at(t.loc, "multiple exception types must be parenthesized")
                    );
                }
                let name = if self.eat(&Tok::As) {
                    Some(self.expect_name()?)
                } else {
                    None
                };
                (Some(t), name)
            };
            let hbody = self.parse_block("'except' statement", hloc.line)?;
            handlers.push(ExceptHandler {
                loc: hloc,
                typ,
                name,
                body: hbody,
            });
        }
        for h in handlers.iter().take(handlers.len().saturating_sub(1)) {
            if h.typ.is_none() {
                return Err(self.err_at(h.loc, "default 'except:' must be last"));
            }
        }
        let orelse = if !handlers.is_empty() {
            self.parse_else()?
        } else {
            Vec::new()
        };
        let finalbody = if self.at(&Tok::Finally) {
            let l = self.loc();
            self.advance();
            self.parse_block("'finally' statement", l.line)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(self.error_here("expected 'except' or 'finally' block"));
        }
        Ok(Stmt {
            loc,
            kind: StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
        })
    }

    #[inline(never)]
    fn parse_with(&mut self, loc: Loc, is_async: bool) -> PResult<Stmt> {
        let line = self.loc().line;
        self.advance();
        let mut items = None;
        if self.at(&Tok::LPar) {
            let (save_pos, save_depth) = (self.pos, self.depth);
            match self.parse_paren_with_items() {
                Ok(v) if self.at(&Tok::Colon) => items = Some(v),
                _ => {
                    self.pos = save_pos;
                    self.depth = save_depth;
                }
            }
        }
        let items = match items {
            Some(v) => v,
            None => {
                let mut v = vec![self.parse_with_item()?];
                while self.eat(&Tok::Comma) {
                    v.push(self.parse_with_item()?);
                }
                v
            }
        };
        let body = self.parse_block("'with' statement", line)?;
        Ok(Stmt {
            loc,
            kind: StmtKind::With {
                items,
                body,
                is_async,
            },
        })
    }

    fn parse_paren_with_items(&mut self) -> PResult<Vec<WithItem>> {
        self.advance();
        let mut v = vec![self.parse_with_item()?];
        while self.eat(&Tok::Comma) {
            if self.at(&Tok::RPar) {
                break;
            }
            v.push(self.parse_with_item()?);
        }
        self.expect(&Tok::RPar)?;
        Ok(v)
    }

    fn parse_with_item(&mut self) -> PResult<WithItem> {
        let context = self.parse_test()?;
        let target = if self.eat(&Tok::As) {
            let t = if self.at(&Tok::Star) {
                let l = self.loc();
                self.advance();
                mk(l, ExprKind::Starred(Box::new(self.parse_bp(P_BOR)?)))
            } else {
                self.parse_bp(P_BOR)?
            };
            if !matches!(self.tok(), Tok::Comma | Tok::RPar | Tok::Colon) {
                return Err(self.syntax_error());
            }
            self.check_target(&t, TargetCtx::Assign)?;
            Some(t)
        } else {
            None
        };
        Ok(WithItem { context, target })
    }

    #[inline(never)]
    fn parse_decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.at(&Tok::At) {
            self.advance();
            decorators.push(self.parse_named()?);
            if !self.eat(&Tok::Newline) {
                return Err(self.syntax_error());
            }
        }
        let loc = self.loc();
        match self.tok() {
            Tok::Def => self.parse_def(decorators, loc, false),
            Tok::Class => self.parse_class(decorators),
            Tok::Async if *self.nth(1) == Tok::Def => {
                self.advance();
                self.parse_def(decorators, loc, true)
            }
            _ => Err(self.syntax_error()),
        }
    }

    #[inline(never)]
    fn parse_def(&mut self, decorators: Vec<Expr>, loc: Loc, is_async: bool) -> PResult<Stmt> {
        let line = self.loc().line;
        self.advance();
        let name = self.expect_name()?;
        if !self.at(&Tok::LPar) {
            return Err(if self.at(&Tok::Colon) || self.at(&Tok::Newline) {
                self.error_here("expected '('")
            } else {
                self.syntax_error()
            });
        }
        self.advance();
        let args = self.parse_params(false)?;
        self.expect(&Tok::RPar)?;
        let returns = if self.eat(&Tok::RArrow) {
            Some(self.parse_test()?)
        } else {
            None
        };
        let mut f = Box::new(FunctionDef {
            name,
            args: *args,
            body: Vec::new(),
            decorators,
            returns,
            is_async,
        });
        f.body = self.parse_block("function definition", line)?;
        Ok(Stmt {
            loc,
            kind: StmtKind::FunctionDef(f),
        })
    }

    #[inline(never)]
    fn parse_class(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let loc = self.loc();
        self.advance();
        let name = self.expect_name()?;
        let (bases, keywords) = if self.eat(&Tok::LPar) {
            self.parse_call_args()?
        } else {
            (Vec::new(), Vec::new())
        };
        let body = self.parse_block("class definition", loc.line)?;
        Ok(Stmt {
            loc,
            kind: StmtKind::ClassDef(Box::new(ClassDef {
                name,
                bases,
                keywords,
                body,
                decorators,
            })),
        })
    }

    /// Parameters of a `def` (up to the ')') or a `lambda` (up to the ':').
    fn parse_params(&mut self, is_lambda: bool) -> PResult<Box<Arguments>> {
        self.enter_n(4)?;
        let r = self.parse_params_inner(is_lambda);
        self.depth -= 4;
        r
    }

    #[inline(never)]
    fn parse_params_inner(&mut self, is_lambda: bool) -> PResult<Box<Arguments>> {
        let close = if is_lambda { Tok::Colon } else { Tok::RPar };
        let mut a = Box::new(Arguments::default());
        let mut positional: Vec<Param> = Vec::new();
        let (mut seen_slash, mut seen_star, mut seen_default) = (false, false, false);
        let mut star_loc = self.loc();
        loop {
            if self.at(&close) {
                break;
            }
            if a.kwarg.is_some() {
                return Err(self.error_here("arguments cannot follow var-keyword argument"));
            }
            let loc = self.loc();
            match self.tok() {
                Tok::Slash => {
                    if seen_star {
                        return Err(self.error_here("/ must be ahead of *"));
                    }
                    if seen_slash {
                        return Err(self.error_here("/ may appear only once"));
                    }
                    if positional.is_empty() {
                        return Err(self.error_here("at least one argument must precede /"));
                    }
                    seen_slash = true;
                    a.posonly = core::mem::take(&mut positional);
                    self.advance();
                }
                Tok::Star => {
                    if seen_star {
                        return Err(self.error_here("* argument may appear only once"));
                    }
                    seen_star = true;
                    star_loc = loc;
                    self.advance();
                    if matches!(self.tok(), Tok::Name(_)) {
                        let p = self.parse_param(is_lambda)?;
                        if self.at(&Tok::Equal) {
                            return Err(self
                                .error_here("var-positional argument cannot have default value"));
                        }
                        a.vararg = Some(p);
                    } else if !matches!(self.tok(), Tok::Comma) {
                        return Err(self.err_at(star_loc, "named arguments must follow bare *"));
                    }
                }
                Tok::DoubleStar => {
                    self.advance();
                    let p = self.parse_param(is_lambda)?;
                    if self.at(&Tok::Equal) {
                        return Err(
                            self.error_here("var-keyword argument cannot have default value")
                        );
                    }
                    a.kwarg = Some(p);
                }
                Tok::Name(_) => {
                    let mut p = self.parse_param(is_lambda)?;
                    if self.eat(&Tok::Equal) {
                        p.default = Some(self.parse_test()?);
                    }
                    if seen_star {
                        a.kwonly.push(p);
                    } else {
                        if p.default.is_some() {
                            seen_default = true;
                        } else if seen_default {
                            return Err(
                                self.err_at(loc, "non-default argument follows default argument")
                            );
                        }
                        positional.push(p);
                    }
                }
                _ => return Err(self.syntax_error()),
            }
            if !self.eat(&Tok::Comma) {
                break;
            }
        }
        if !self.at(&close) {
            return Err(if is_lambda && self.at(&Tok::LPar) {
                self.error_here("Lambda expression parameters cannot be parenthesized")
            } else {
                self.syntax_error()
            });
        }
        if seen_star && a.vararg.is_none() && a.kwonly.is_empty() {
            return Err(self.err_at(star_loc, "named arguments must follow bare *"));
        }
        a.args = positional;
        // duplicate names
        let mut names: Vec<(&str, Loc)> = Vec::new();
        for p in a
            .posonly
            .iter()
            .chain(a.args.iter())
            .chain(a.vararg.iter())
            .chain(a.kwonly.iter())
            .chain(a.kwarg.iter())
        {
            names.push((p.name.as_str(), p.loc));
        }
        names.sort_by(|x, y| x.0.cmp(y.0));
        for w in names.windows(2) {
            if w[0].0 == w[1].0 {
                let loc = if w[0].1.line > w[1].1.line
                    || (w[0].1.line == w[1].1.line && w[0].1.col > w[1].1.col)
                {
                    w[0].1
                } else {
                    w[1].1
                };
                return Err(self.err_at(
                    loc,
                    format!("duplicate argument '{}' in function definition", w[0].0),
                ));
            }
        }
        Ok(a)
    }

    fn parse_param(&mut self, is_lambda: bool) -> PResult<Param> {
        let loc = self.loc();
        let name = self.expect_name()?;
        let annotation = if !is_lambda && self.eat(&Tok::Colon) {
            if self.at(&Tok::Star) {
                let l = self.loc();
                self.advance();
                Some(mk(l, ExprKind::Starred(Box::new(self.parse_bp(P_BOR)?))))
            } else {
                Some(self.parse_test()?)
            }
        } else {
            None
        };
        Ok(Param {
            loc,
            name,
            annotation,
            default: None,
        })
    }

    // ----- expressions -----

    /// `yield_expr | star_expressions`
    fn parse_yield_or_star_exprs(&mut self) -> PResult<Expr> {
        if self.at(&Tok::Yield) {
            self.parse_yield()
        } else {
            self.parse_star_exprs()
        }
    }

    fn parse_yield(&mut self) -> PResult<Expr> {
        self.enter_n(2)?;
        let r = self.parse_yield_inner();
        self.depth -= 2;
        r
    }

    #[inline(never)]
    fn parse_yield_inner(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        self.advance();
        if self.eat(&Tok::From) {
            let e = self.parse_test()?;
            return Ok(mk(loc, ExprKind::YieldFrom(Box::new(e))));
        }
        if starts_expr(self.tok()) {
            let e = self.parse_star_exprs()?;
            self.no_bare_starred(&e)?;
            Ok(mk(loc, ExprKind::Yield(Some(Box::new(e)))))
        } else {
            Ok(mk(loc, ExprKind::Yield(None)))
        }
    }

    /// `star_expressions`: `a, *b, c` (a tuple if there is a comma); a lone `*b` is returned
    /// as `Starred` and rejected by the caller where it is not allowed.
    #[inline(never)]
    fn parse_star_exprs(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        let first = self.parse_star_expr()?;
        if !self.at(&Tok::Comma) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.at(&Tok::Comma) {
            self.advance();
            if !starts_expr(self.tok()) {
                break;
            }
            items.push(self.parse_star_expr()?);
        }
        Ok(mk(loc, ExprKind::Tuple(items)))
    }

    /// `'*' bitwise_or | expression`
    fn parse_star_expr(&mut self) -> PResult<Expr> {
        if self.at(&Tok::Star) {
            let loc = self.loc();
            self.advance();
            let e = self.parse_bp(P_BOR)?;
            Ok(mk(loc, ExprKind::Starred(Box::new(e))))
        } else {
            self.parse_test()
        }
    }

    /// `'*' bitwise_or | named_expression`
    fn parse_star_named(&mut self) -> PResult<Expr> {
        if self.at(&Tok::Star) {
            let loc = self.loc();
            self.advance();
            let e = self.parse_bp(P_BOR)?;
            Ok(mk(loc, ExprKind::Starred(Box::new(e))))
        } else {
            self.parse_named()
        }
    }

    /// `named_expression`: `NAME ':=' expression | expression`
    fn parse_named(&mut self) -> PResult<Expr> {
        if let (Tok::Name(_), Tok::ColonEqual) = (self.tok(), self.nth(1)) {
            return self.parse_walrus();
        }
        let e = self.parse_test()?;
        if self.at(&Tok::ColonEqual) {
            return Err(self.walrus_error(&e));
        }
        Ok(e)
    }

    fn parse_walrus(&mut self) -> PResult<Expr> {
        self.enter_n(2)?;
        let r = self.parse_walrus_inner();
        self.depth -= 2;
        r
    }

    #[inline(never)]
    fn parse_walrus_inner(&mut self) -> PResult<Expr> {
        let target = self.expect_name()?;
        let loc = self.loc();
        self.advance();
        let value = self.parse_test()?;
        Ok(mk(
            loc,
            ExprKind::NamedExpr {
                target,
                value: Box::new(value),
            },
        ))
    }

    #[cold]
    #[inline(never)]
    fn walrus_error(&self, e: &Expr) -> CompileError {
        self.err_at(
            e.loc,
            format!("cannot use assignment expressions with {}", expr_name(e)),
        )
    }

    /// `expression`: a conditional expression or a lambda
    fn parse_test(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = if self.at(&Tok::Lambda) {
            self.parse_lambda()
        } else {
            match self.parse_bp(P_OR) {
                Ok(body) if self.at(&Tok::If) => self.parse_ifexp(body),
                r => r,
            }
        };
        self.leave();
        r
    }

    #[inline(never)]
    fn parse_ifexp(&mut self, body: Expr) -> PResult<Expr> {
        self.advance();
        let test = self.parse_bp(P_OR)?;
        if !self.eat(&Tok::Else) {
            return Err(
                if self.at_stmt_end()
                    || matches!(self.tok(), Tok::RPar | Tok::RSqb | Tok::RBrace | Tok::Comma)
                {
                    self.err_at(body.loc, "expected 'else' after 'if' expression")
                } else {
                    self.syntax_error()
                },
            );
        }
        let orelse = self.parse_test()?;
        let loc = body.loc;
        Ok(mk(
            loc,
            ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
            },
        ))
    }

    #[inline(never)]
    fn parse_lambda(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        self.advance();
        let args = self.parse_params(true)?;
        self.expect(&Tok::Colon)?;
        self.enter()?;
        let body = self.parse_test().map(Box::new);
        self.leave();
        Ok(mk(loc, ExprKind::Lambda { args, body: body? }))
    }

    /// Precedence climbing from `or` down to `**` and `await`.
    fn parse_bp(&mut self, min: u8) -> PResult<Expr> {
        self.enter()?;
        let r = self.parse_bp_inner(min);
        self.leave();
        r
    }

    fn parse_bp_inner(&mut self, min: u8) -> PResult<Expr> {
        let loc = self.loc();
        let mut left = match self.tok() {
            Tok::Not if min <= P_NOT => {
                self.advance();
                let operand = self.parse_bp(P_NOT)?;
                mk(
                    loc,
                    ExprKind::UnaryOp {
                        op: UnaryOp::Not,
                        operand: Box::new(operand),
                    },
                )
            }
            Tok::Minus | Tok::Plus | Tok::Tilde if min <= P_UNARY => {
                let op = match self.tok() {
                    Tok::Minus => UnaryOp::USub,
                    Tok::Plus => UnaryOp::UAdd,
                    _ => UnaryOp::Invert,
                };
                self.advance();
                let operand = self.parse_bp(P_UNARY)?;
                mk(
                    loc,
                    ExprKind::UnaryOp {
                        op,
                        operand: Box::new(operand),
                    },
                )
            }
            Tok::Await => {
                self.advance();
                self.enter()?;
                let operand = self.parse_primary();
                self.leave();
                mk(loc, ExprKind::Await(Box::new(operand?)))
            }
            _ => self.parse_primary()?,
        };
        let saved = self.depth;
        let r = self.parse_infix(min, &mut left);
        self.depth = saved;
        r.map(|_| left)
    }

    #[inline(never)]
    fn parse_infix(&mut self, min: u8, left: &mut Expr) -> PResult<()> {
        let mut links = CHAIN_LINKS_PER_UNIT;
        loop {
            let loc = left.loc;
            match self.tok() {
                Tok::Or if min <= P_OR => self.parse_boolop(left, BoolOpKind::Or)?,
                Tok::And if min <= P_AND => self.parse_boolop(left, BoolOpKind::And)?,
                t if min <= P_CMP && self.cmp_op(t).is_some() => self.parse_compare(left)?,
                t => {
                    let Some((prec, op)) = binop_of(t) else { break };
                    if prec < min {
                        break;
                    }
                    self.advance();
                    let right = if op == BinOp::Pow {
                        self.parse_bp(P_UNARY)?
                    } else {
                        self.parse_bp(prec + 1)?
                    };
                    let l = core::mem::replace(left, mk(loc, ExprKind::Tuple(Vec::new())));
                    *left = mk(
                        loc,
                        ExprKind::BinOp {
                            left: Box::new(l),
                            op,
                            right: Box::new(right),
                        },
                    );
                }
            }
            links -= 1;
            if links == 0 {
                links = CHAIN_LINKS_PER_UNIT;
                self.enter()?;
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn parse_boolop(&mut self, left: &mut Expr, op: BoolOpKind) -> PResult<()> {
        let loc = left.loc;
        let (tok, next) = if op == BoolOpKind::Or {
            (Tok::Or, P_AND)
        } else {
            (Tok::And, P_NOT)
        };
        let mut values = vec![core::mem::replace(
            left,
            mk(loc, ExprKind::Tuple(Vec::new())),
        )];
        while self.eat(&tok) {
            values.push(self.parse_bp(next)?);
        }
        *left = mk(loc, ExprKind::BoolOp { op, values });
        Ok(())
    }

    #[inline(never)]
    fn parse_compare(&mut self, left: &mut Expr) -> PResult<()> {
        let loc = left.loc;
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some((op, n)) = self.cmp_op(self.tok()) {
            for _ in 0..n {
                self.advance();
            }
            ops.push(op);
            comparators.push(self.parse_bp(P_BOR)?);
        }
        let l = core::mem::replace(left, mk(loc, ExprKind::Tuple(Vec::new())));
        *left = mk(
            loc,
            ExprKind::Compare {
                left: Box::new(l),
                ops,
                comparators,
            },
        );
        Ok(())
    }

    fn cmp_op(&self, t: &Tok) -> Option<(CmpOp, usize)> {
        Some(match t {
            Tok::EqEqual => (CmpOp::Eq, 1),
            Tok::NotEqual => (CmpOp::NotEq, 1),
            Tok::Less => (CmpOp::Lt, 1),
            Tok::LessEqual => (CmpOp::LtE, 1),
            Tok::Greater => (CmpOp::Gt, 1),
            Tok::GreaterEqual => (CmpOp::GtE, 1),
            Tok::In => (CmpOp::In, 1),
            Tok::Is => {
                if *self.nth(1) == Tok::Not {
                    (CmpOp::IsNot, 2)
                } else {
                    (CmpOp::Is, 1)
                }
            }
            Tok::Not if *self.nth(1) == Tok::In => (CmpOp::NotIn, 2),
            _ => return None,
        })
    }

    /// An atom followed by calls, subscripts and attributes.
    fn parse_primary(&mut self) -> PResult<Expr> {
        let mut e = self.parse_atom()?;
        let saved = self.depth;
        let r = self.parse_trailers(&mut e);
        self.depth = saved;
        r.map(|_| e)
    }

    #[inline(never)]
    fn parse_trailers(&mut self, e: &mut Expr) -> PResult<()> {
        let mut links = CHAIN_LINKS_PER_UNIT;
        loop {
            let loc = e.loc;
            match self.tok() {
                Tok::LPar => {
                    self.advance();
                    let (args, keywords) = self.parse_call_args()?;
                    let f = core::mem::replace(e, mk(loc, ExprKind::Tuple(Vec::new())));
                    *e = mk(
                        loc,
                        ExprKind::Call {
                            func: Box::new(f),
                            args,
                            keywords,
                        },
                    );
                }
                Tok::LSqb => {
                    self.advance();
                    let index = self.parse_slices()?;
                    self.expect(&Tok::RSqb)?;
                    let v = core::mem::replace(e, mk(loc, ExprKind::Tuple(Vec::new())));
                    *e = mk(
                        loc,
                        ExprKind::Subscript {
                            value: Box::new(v),
                            index: Box::new(index),
                        },
                    );
                }
                Tok::Dot => {
                    self.advance();
                    let attr = self.expect_name()?;
                    let v = core::mem::replace(e, mk(loc, ExprKind::Tuple(Vec::new())));
                    *e = mk(
                        loc,
                        ExprKind::Attribute {
                            value: Box::new(v),
                            attr,
                        },
                    );
                }
                _ => return Ok(()),
            }
            links -= 1;
            if links == 0 {
                links = CHAIN_LINKS_PER_UNIT;
                self.enter()?;
            }
        }
    }

    /// Arguments of a call (after the '('), up to and including the ')'.
    fn parse_call_args(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        self.enter()?;
        let r = self.parse_call_args_inner();
        self.leave();
        r
    }

    #[inline(never)]
    fn parse_call_args_inner(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let (mut seen_kw, mut seen_dstar) = (false, false);
        loop {
            if self.eat(&Tok::RPar) {
                break;
            }
            let loc = self.loc();
            match self.tok() {
                Tok::Star => {
                    if seen_dstar {
                        return Err(self.error_here(
                            "iterable argument unpacking follows keyword argument unpacking",
                        ));
                    }
                    self.advance();
                    let v = self.parse_test()?;
                    args.push(mk(loc, ExprKind::Starred(Box::new(v))));
                }
                Tok::DoubleStar => {
                    self.advance();
                    let v = self.parse_test()?;
                    keywords.push(Keyword {
                        arg: None,
                        value: v,
                    });
                    seen_dstar = true;
                }
                Tok::Name(n) if *self.nth(1) == Tok::Equal => {
                    let n = n.clone();
                    self.advance();
                    self.advance();
                    let v = self.parse_test()?;
                    if keywords
                        .iter()
                        .any(|k| k.arg.as_deref() == Some(n.as_str()))
                    {
                        return Err(self.err_at(loc, format!("keyword argument repeated: {}", n)));
                    }
                    keywords.push(Keyword {
                        arg: Some(n),
                        value: v,
                    });
                    seen_kw = true;
                }
                _ => {
                    let e = self.parse_named()?;
                    if matches!(self.tok(), Tok::For | Tok::Async) {
                        let g = self.parse_comp_tail(e, loc, CompKind::Gen)?;
                        if !args.is_empty() || !keywords.is_empty() || !self.at(&Tok::RPar) {
                            return Err(
                                self.err_at(g.loc, "Generator expression must be parenthesized")
                            );
                        }
                        args.push(g);
                        continue;
                    }
                    if self.at(&Tok::Equal) {
                        return Err(self.err_at(
                            e.loc,
                            "expression cannot contain assignment, perhaps you meant \"==\"?",
                        ));
                    }
                    if seen_dstar {
                        return Err(self.err_at(
                            e.loc,
                            "positional argument follows keyword argument unpacking",
                        ));
                    }
                    if seen_kw {
                        return Err(
                            self.err_at(e.loc, "positional argument follows keyword argument")
                        );
                    }
                    args.push(e);
                }
            }
            if !self.eat(&Tok::Comma) {
                if !self.at(&Tok::RPar) {
                    if args.len() == 1
                        && keywords.is_empty()
                        && matches!(self.tok(), Tok::For | Tok::Async)
                    {
                        return Err(
                            self.err_at(args[0].loc, "Generator expression must be parenthesized")
                        );
                    }
                    if starts_expr(self.tok()) && !self.at(&Tok::Star) {
                        return Err(self.err_at(loc, "invalid syntax. Perhaps you forgot a comma?"));
                    }
                    return Err(self.syntax_error());
                }
            } else if matches!(self.tok(), Tok::For | Tok::Async) {
                return Err(self.syntax_error());
            }
        }
        Ok((args, keywords))
    }

    /// The inside of `[...]` after a primary.
    fn parse_slices(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.parse_slices_inner();
        self.leave();
        r
    }

    #[inline(never)]
    fn parse_slices_inner(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        let mut items = Vec::new();
        let mut comma = false;
        loop {
            items.push(self.parse_slice()?);
            if self.eat(&Tok::Comma) {
                comma = true;
                if self.at(&Tok::RSqb) {
                    break;
                }
                continue;
            }
            break;
        }
        if !comma && items.len() == 1 && !matches!(items[0].kind, ExprKind::Starred(_)) {
            if let Some(e) = items.pop() {
                return Ok(e);
            }
        }
        Ok(mk(loc, ExprKind::Tuple(items)))
    }

    #[inline(never)]
    fn parse_slice(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        if self.at(&Tok::Star) {
            self.advance();
            let e = self.parse_bp(P_BOR)?;
            return Ok(mk(loc, ExprKind::Starred(Box::new(e))));
        }
        let lower = if self.at(&Tok::Colon) {
            None
        } else {
            Some(self.parse_named()?)
        };
        if !self.at(&Tok::Colon) {
            return match lower {
                Some(e) => {
                    if self.at(&Tok::Equal) {
                        return Err(self.eq_misuse(&e));
                    }
                    Ok(e)
                }
                None => Err(self.syntax_error()),
            };
        }
        self.advance();
        let upper = if starts_expr(self.tok()) && !self.at(&Tok::Star) {
            Some(Box::new(self.parse_test()?))
        } else {
            None
        };
        let step = if self.eat(&Tok::Colon) {
            if starts_expr(self.tok()) && !self.at(&Tok::Star) {
                Some(Box::new(self.parse_test()?))
            } else {
                None
            }
        } else {
            None
        };
        Ok(mk(
            loc,
            ExprKind::Slice {
                lower: lower.map(Box::new),
                upper,
                step,
            },
        ))
    }

    fn parse_atom(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        let kind = match self.tok() {
            Tok::Name(n) => ExprKind::Name(n.clone()),
            Tok::Int(v) => ExprKind::Constant(Constant::Int(*v)),
            Tok::BigInt(s) => ExprKind::Constant(Constant::BigInt(s.clone())),
            Tok::Float(f) => ExprKind::Constant(Constant::Float(*f)),
            Tok::Imag(f) => ExprKind::Constant(Constant::Imag(*f)),
            Tok::None => ExprKind::Constant(Constant::None),
            Tok::True => ExprKind::Constant(Constant::True),
            Tok::False => ExprKind::Constant(Constant::False),
            Tok::Ellipsis => ExprKind::Constant(Constant::Ellipsis),
            Tok::Str(_) | Tok::Bytes(_) | Tok::FStr(_) => return self.parse_strings(),
            Tok::LPar => return self.parse_paren(),
            Tok::LSqb => return self.parse_list(),
            Tok::LBrace => return self.parse_brace(),
            Tok::Star => {
                return Err(self.error_here("can't use starred expression here"));
            }
            Tok::Yield => {
                return Err(self.error_here("invalid syntax"));
            }
            _ => return Err(self.syntax_error()),
        };
        self.advance();
        Ok(mk(loc, kind))
    }

    #[inline(never)]
    fn parse_paren(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        self.advance();
        if self.eat(&Tok::RPar) {
            return Ok(mk(loc, ExprKind::Tuple(Vec::new())));
        }
        if self.at(&Tok::Yield) {
            let e = self.parse_yield()?;
            self.expect(&Tok::RPar)?;
            return Ok(e);
        }
        let first = self.parse_star_named()?;
        if matches!(self.tok(), Tok::For | Tok::Async) {
            let g = self.parse_comp_tail(first, loc, CompKind::Gen)?;
            self.expect(&Tok::RPar)?;
            return Ok(g);
        }
        if self.at(&Tok::Comma) {
            let mut items = vec![first];
            while self.eat(&Tok::Comma) {
                if self.at(&Tok::RPar) {
                    break;
                }
                items.push(self.parse_star_named()?);
            }
            self.expect_close(&Tok::RPar)?;
            return Ok(mk(loc, ExprKind::Tuple(items)));
        }
        if self.at(&Tok::Equal) {
            return Err(self.eq_misuse(&first));
        }
        self.expect_close(&Tok::RPar)?;
        if let ExprKind::Starred(_) = first.kind {
            return Err(self.err_at(first.loc, "cannot use starred expression here"));
        }
        Ok(first)
    }

    #[inline(never)]
    fn expect_close(&mut self, t: &Tok) -> PResult<()> {
        if self.eat(t) {
            return Ok(());
        }
        if starts_expr(self.tok()) && !self.at(&Tok::Star) {
            // `(a b)`: CPython suggests a missing comma
            return Err(self.error_here("invalid syntax. Perhaps you forgot a comma?"));
        }
        Err(self.syntax_error())
    }

    fn parse_list(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        self.advance();
        self.enter()?;
        let r = self.parse_list_inner(loc);
        self.leave();
        r
    }

    #[inline(never)]
    fn parse_list_inner(&mut self, loc: Loc) -> PResult<Expr> {
        if self.eat(&Tok::RSqb) {
            return Ok(mk(loc, ExprKind::List(Vec::new())));
        }
        let first = self.parse_star_named()?;
        if matches!(self.tok(), Tok::For | Tok::Async) {
            let c = self.parse_comp_tail(first, loc, CompKind::List)?;
            self.expect(&Tok::RSqb)?;
            return Ok(c);
        }
        let mut items = vec![first];
        while self.eat(&Tok::Comma) {
            if self.at(&Tok::RSqb) {
                break;
            }
            items.push(self.parse_star_named()?);
        }
        if self.at(&Tok::Equal) {
            if let Some(last) = items.last() {
                return Err(self.eq_misuse(last));
            }
        }
        self.expect_close(&Tok::RSqb)?;
        Ok(mk(loc, ExprKind::List(items)))
    }

    fn parse_brace(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        self.advance();
        self.enter()?;
        let r = self.parse_brace_inner(loc);
        self.leave();
        r
    }

    #[inline(never)]
    fn parse_brace_inner(&mut self, loc: Loc) -> PResult<Expr> {
        if self.eat(&Tok::RBrace) {
            return Ok(mk(
                loc,
                ExprKind::Dict {
                    keys: Vec::new(),
                    values: Vec::new(),
                },
            ));
        }
        // first item decides: dict or set
        let (first_key, first_value) = if self.at(&Tok::DoubleStar) {
            self.advance();
            (None, self.parse_bp(P_BOR)?)
        } else {
            let k = self.parse_star_named()?;
            if self.eat(&Tok::Colon) {
                if matches!(k.kind, ExprKind::Starred(_)) {
                    return Err(
                        self.err_at(k.loc, "cannot use a starred expression in a dictionary key")
                    );
                }
                let v = self.parse_test()?;
                (Some(k), v)
            } else {
                // a set
                if matches!(self.tok(), Tok::For | Tok::Async) {
                    let c = self.parse_comp_tail(k, loc, CompKind::Set)?;
                    self.expect(&Tok::RBrace)?;
                    return Ok(c);
                }
                let mut items = vec![k];
                while self.eat(&Tok::Comma) {
                    if self.at(&Tok::RBrace) {
                        break;
                    }
                    items.push(self.parse_star_named()?);
                }
                self.expect_close(&Tok::RBrace)?;
                return Ok(mk(loc, ExprKind::Set(items)));
            }
        };
        if matches!(self.tok(), Tok::For | Tok::Async) {
            let Some(key) = first_key else {
                return Err(self.err_at(
                    first_value.loc,
                    "dict unpacking cannot be used in dict comprehension",
                ));
            };
            let generators = self.parse_comp_for()?;
            self.expect(&Tok::RBrace)?;
            return Ok(mk(
                loc,
                ExprKind::DictComp {
                    key: Box::new(key),
                    value: Box::new(first_value),
                    generators,
                },
            ));
        }
        let mut keys = vec![first_key];
        let mut values = vec![first_value];
        while self.eat(&Tok::Comma) {
            if self.at(&Tok::RBrace) {
                break;
            }
            if self.eat(&Tok::DoubleStar) {
                keys.push(None);
                values.push(self.parse_bp(P_BOR)?);
            } else {
                let k = self.parse_test()?;
                if !self.eat(&Tok::Colon) {
                    return Err(if matches!(self.tok(), Tok::Comma | Tok::RBrace) {
                        self.err_at(k.loc, "':' expected after dictionary key")
                    } else {
                        self.syntax_error()
                    });
                }
                keys.push(Some(k));
                values.push(self.parse_test()?);
            }
        }
        self.expect_close(&Tok::RBrace)?;
        Ok(mk(loc, ExprKind::Dict { keys, values }))
    }

    #[inline(never)]
    fn parse_comp_tail(&mut self, elt: Expr, loc: Loc, kind: CompKind) -> PResult<Expr> {
        if let ExprKind::Starred(_) = elt.kind {
            return Err(self.err_at(
                elt.loc,
                "iterable unpacking cannot be used in comprehension",
            ));
        }
        let generators = self.parse_comp_for()?;
        let elt = Box::new(elt);
        Ok(mk(
            loc,
            match kind {
                CompKind::List => ExprKind::ListComp { elt, generators },
                CompKind::Set => ExprKind::SetComp { elt, generators },
                CompKind::Gen => ExprKind::GeneratorExp { elt, generators },
            },
        ))
    }

    fn parse_comp_for(&mut self) -> PResult<Vec<Comprehension>> {
        self.enter_n(4)?;
        let r = self.parse_comp_for_inner();
        self.depth -= 4;
        r
    }

    #[inline(never)]
    fn parse_comp_for_inner(&mut self) -> PResult<Vec<Comprehension>> {
        let mut gens = Vec::new();
        loop {
            let is_async = match self.tok() {
                Tok::Async if *self.nth(1) == Tok::For => {
                    self.advance();
                    true
                }
                Tok::For => false,
                _ => break,
            };
            self.advance();
            let target = self.parse_target_list()?;
            self.check_target(&target, TargetCtx::Assign)?;
            self.expect(&Tok::In)?;
            let iter = self.parse_bp(P_OR)?;
            let mut ifs = Vec::new();
            while self.eat(&Tok::If) {
                ifs.push(self.parse_bp(P_OR)?);
            }
            gens.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        Ok(gens)
    }

    // ----- strings -----

    #[inline(never)]
    fn parse_strings(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        let (mut has_bytes, mut has_str, mut has_f) = (false, false, false);
        let mut lit = String::new();
        let mut bytes = Vec::new();
        let mut parts: Vec<Expr> = Vec::new();
        loop {
            let tloc = self.loc();
            match self.tok() {
                Tok::Str(s) => {
                    has_str = true;
                    lit.push_str(s);
                }
                Tok::Bytes(b) => {
                    has_bytes = true;
                    bytes.extend_from_slice(b);
                }
                Tok::FStr(ft) => {
                    has_f = true;
                    let ft: FStrTok = (**ft).clone();
                    self.fstring_into(&ft, tloc, &mut parts, &mut lit)?;
                }
                _ => break,
            }
            if has_bytes && (has_str || has_f) {
                return Err(self.err_at(loc, "cannot mix bytes and nonbytes literals"));
            }
            self.advance();
        }
        if has_bytes {
            return Ok(mk(loc, ExprKind::Constant(Constant::Bytes(bytes))));
        }
        if !has_f {
            return Ok(mk(loc, ExprKind::Constant(Constant::Str(lit))));
        }
        if !lit.is_empty() {
            parts.push(mk(loc, ExprKind::Constant(Constant::Str(lit))));
        }
        Ok(mk(loc, ExprKind::JoinedStr(parts)))
    }

    /// Split an f-string into constant parts (accumulated in `lit`) and fields (pushed on
    /// `parts`, after flushing `lit`).
    #[inline(never)]
    fn fstring_into(
        &mut self,
        ft: &FStrTok,
        loc: Loc,
        parts: &mut Vec<Expr>,
        lit: &mut String,
    ) -> PResult<()> {
        let mut cur = FCursor {
            s: &ft.body,
            i: 0,
            line: ft.line,
            col: ft.col,
        };
        self.fstr_seq(&mut cur, ft.raw, 0, loc, parts, lit)
    }

    #[inline(never)]
    fn fstr_seq(
        &mut self,
        cur: &mut FCursor,
        raw: bool,
        spec_depth: u32,
        loc: Loc,
        parts: &mut Vec<Expr>,
        lit: &mut String,
    ) -> PResult<()> {
        let mut chunk = String::new();
        loop {
            let Some(c) = cur.peek() else {
                self.flush_chunk(&mut chunk, raw, lit, loc)?;
                if spec_depth > 0 {
                    return Err(self.err_at(cur.loc(), "f-string: expecting '}'"));
                }
                return Ok(());
            };
            match c {
                '{' => {
                    if spec_depth == 0 && cur.peek_at(1) == Some('{') {
                        chunk.push('{');
                        cur.bump();
                        cur.bump();
                    } else {
                        self.flush_chunk(&mut chunk, raw, lit, loc)?;
                        self.fstr_field(cur, raw, spec_depth, loc, parts, lit)?;
                    }
                }
                '}' => {
                    if spec_depth > 0 {
                        self.flush_chunk(&mut chunk, raw, lit, loc)?;
                        return Ok(());
                    }
                    if cur.peek_at(1) == Some('}') {
                        chunk.push('}');
                        cur.bump();
                        cur.bump();
                    } else {
                        return Err(self.err_at(cur.loc(), "f-string: single '}' is not allowed"));
                    }
                }
                '\\' if !raw => {
                    chunk.push('\\');
                    cur.bump();
                    if let Some(n) = cur.peek() {
                        if n == 'N' && cur.peek_at(1) == Some('{') {
                            return Err(self.err_at(
                                loc,
                                "(unicode error) \\N{...} escapes are not supported",
                            ));
                        }
                        if n != '{' && n != '}' {
                            chunk.push(n);
                            cur.bump();
                        }
                    }
                }
                _ => {
                    chunk.push(c);
                    cur.bump();
                }
            }
        }
    }

    #[inline(never)]
    fn flush_chunk(
        &self,
        chunk: &mut String,
        raw: bool,
        lit: &mut String,
        loc: Loc,
    ) -> PResult<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        if raw {
            lit.push_str(chunk);
        } else {
            match lexer::decode_str(chunk) {
                Ok(s) => lit.push_str(&s),
                Err(m) => return Err(self.err_at(loc, m)),
            }
        }
        chunk.clear();
        Ok(())
    }

    #[inline(never)]
    fn fstr_field(
        &mut self,
        cur: &mut FCursor,
        raw: bool,
        spec_depth: u32,
        loc: Loc,
        parts: &mut Vec<Expr>,
        lit: &mut String,
    ) -> PResult<()> {
        if spec_depth >= 2 {
            return Err(self.err_at(cur.loc(), "f-string: expressions nested too deeply"));
        }
        cur.bump(); // '{'
        let start = cur.i;
        let start_loc = cur.loc();
        let mut nest: usize = 0;
        let mut quote: Option<(char, bool)> = None;
        let stop;
        loop {
            let Some(c) = cur.peek() else {
                return Err(self.err_at(cur.loc(), "f-string: expecting '}'"));
            };
            if c == '\\' {
                return Err(self.err_at(
                    cur.loc(),
                    "f-string expression part cannot include a backslash",
                ));
            }
            if let Some((q, triple)) = quote {
                if c == q {
                    if !triple {
                        quote = None;
                    } else if cur.peek_at(1) == Some(q) && cur.peek_at(2) == Some(q) {
                        cur.bump();
                        cur.bump();
                        quote = None;
                    }
                }
                cur.bump();
                continue;
            }
            match c {
                '\'' | '"' => {
                    let triple = cur.peek_at(1) == Some(c) && cur.peek_at(2) == Some(c);
                    if triple {
                        cur.bump();
                        cur.bump();
                    }
                    quote = Some((c, triple));
                    cur.bump();
                }
                '(' | '[' | '{' => {
                    nest += 1;
                    if nest > lexer::MAX_PAREN_DEPTH {
                        return Err(self.err_at(cur.loc(), "too many nested parentheses"));
                    }
                    cur.bump();
                }
                ')' | ']' | '}' => {
                    if nest == 0 {
                        if c == '}' {
                            stop = '}';
                            break;
                        }
                        return Err(self.err_at(cur.loc(), format!("f-string: unmatched '{}'", c)));
                    }
                    nest -= 1;
                    cur.bump();
                }
                '#' => {
                    return Err(
                        self.err_at(cur.loc(), "f-string expression part cannot include '#'")
                    )
                }
                '=' | '!' | '<' | '>' if cur.peek_at(1) == Some('=') => {
                    cur.bump();
                    cur.bump();
                }
                '!' | ':' | '=' if nest == 0 => {
                    stop = c;
                    break;
                }
                _ => cur.bump(),
            }
        }
        if quote.is_some() {
            return Err(self.err_at(cur.loc(), "f-string: unterminated string"));
        }
        let text = &cur.s[start..cur.i];
        if text.trim().is_empty() {
            return Err(self.err_at(cur.loc(), "f-string: empty expression not allowed"));
        }
        let value = self.sub_parse(text, start_loc)?;
        let mut self_doc = false;
        let mut stop = stop;
        if stop == '=' {
            self_doc = true;
            cur.bump();
            while let Some(w) = cur.peek() {
                if w == ' ' || w == '\t' || w == '\n' || w == '\x0c' {
                    cur.bump();
                } else {
                    break;
                }
            }
            lit.push_str(&cur.s[start..cur.i]);
            stop = cur.peek().unwrap_or('\0');
        }
        let mut conversion = None;
        if stop == '!' {
            cur.bump();
            match cur.peek() {
                Some(c @ ('s' | 'r' | 'a')) => {
                    conversion = Some(c);
                    cur.bump();
                }
                Some('}') | Some(':') | None => {
                    return Err(self.err_at(cur.loc(), "f-string: missing conversion character"));
                }
                _ => {
                    return Err(self.err_at(
                        cur.loc(),
                        "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                    ));
                }
            }
            if !matches!(cur.peek(), Some(':') | Some('}')) {
                return Err(self.err_at(cur.loc(), "f-string: expecting '}'"));
            }
        }
        let mut format_spec = None;
        if cur.peek() == Some(':') {
            cur.bump();
            let mut sparts = Vec::new();
            let mut slit = String::new();
            self.fstr_seq(cur, raw, spec_depth + 1, loc, &mut sparts, &mut slit)?;
            if !slit.is_empty() {
                sparts.push(mk(loc, ExprKind::Constant(Constant::Str(slit))));
            }
            format_spec = Some(Box::new(mk(loc, ExprKind::JoinedStr(sparts))));
        }
        if cur.peek() != Some('}') {
            return Err(self.err_at(cur.loc(), "f-string: expecting '}'"));
        }
        cur.bump();
        if self_doc && conversion.is_none() && format_spec.is_none() {
            conversion = Some('r');
        }
        if !lit.is_empty() {
            parts.push(mk(
                loc,
                ExprKind::Constant(Constant::Str(core::mem::take(lit))),
            ));
        }
        parts.push(mk(
            value.loc,
            ExprKind::FormattedValue {
                value: Box::new(value),
                conversion,
                format_spec,
            },
        ));
        Ok(())
    }

    /// Parse the expression of an f-string field.
    #[inline(never)]
    fn sub_parse(&mut self, text: &str, loc: Loc) -> PResult<Expr> {
        let lexed = lexer::tokenize_at(text, LexMode::FStringExpr, loc.line, loc.col);
        self.enter()?;
        let mut sub = Parser::new(lexed.tokens, lexed.error, Mode::Exec, self.depth);
        self.leave();
        let r = (|| {
            let e = sub.parse_yield_or_star_exprs()?;
            if let ExprKind::Starred(_) = e.kind {
                return Err(sub.err_at(e.loc, "can't use starred expression here"));
            }
            if !sub.at(&Tok::EndMarker) {
                if starts_expr(sub.tok()) && !sub.at(&Tok::Star) {
                    return Err(sub.error_here("invalid syntax. Perhaps you forgot a comma?"));
                }
                return Err(sub.syntax_error());
            }
            Ok(e)
        })();
        r.map_err(|e| {
            let mut e = sub.finish_error(e);
            e.incomplete = false;
            if !e.msg.starts_with("f-string") && !e.msg.starts_with("too many") {
                e.msg = format!("f-string: {}", e.msg);
            }
            e
        })
    }
}

#[derive(Clone, Copy)]
enum CompKind {
    List,
    Set,
    Gen,
}

struct FCursor<'s> {
    s: &'s str,
    i: usize,
    line: u32,
    col: u32,
}

impl FCursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i..).and_then(|r| r.chars().next())
    }
    fn peek_at(&self, n: usize) -> Option<char> {
        self.s.get(self.i..).and_then(|r| r.chars().nth(n))
    }
    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.i += c.len_utf8();
            if c == '\n' {
                self.line = self.line.saturating_add(1);
                self.col = 0;
            } else {
                self.col = self.col.saturating_add(1);
            }
        }
    }
    fn loc(&self) -> Loc {
        Loc {
            line: self.line,
            col: self.col,
        }
    }
}

#[cfg(test)]
mod tests;
