//! The regular expression engine behind `re`: a parser to an AST, a compiler to a small
//! instruction set, and a backtracking matcher with an explicit backtrack stack (no Rust
//! recursion over the input, so long subjects can't overflow the native stack).
//!
//! Supported: literals, `.`, classes `[...]`/`[^...]` with ranges and `\d\w\s\D\W\S`,
//! escapes, anchors `^ $ \A \Z \b \B`, groups `( )`, `(?: )`, `(?P<name> )`, `(?P=name)`,
//! backreferences `\1`, alternation, greedy/lazy/possessive quantifiers `* + ? {m,n}`,
//! lookahead/lookbehind `(?= ) (?! ) (?<= ) (?<! )` (lookbehind: fixed width), atomic
//! groups `(?> )`, conditionals `(?(1)yes|no)`, comments `(?# )`, flags I/M/S/X/A
//! (global `(?imsx)` at the start, scoped `(?i:...)`).
//!
//! Limits: the matcher counts instructions executed per match attempt (one start position
//! of a search) and fails with [`ExecError::StepLimit`] after `STEP_LIMIT + 32 * remaining
//! subject length` steps (catastrophic backtracking); the caller's `tick` runs every [`TICK_STEPS`] steps (interrupt checks)
//! and whenever the backtrack stack has grown by 64K entries (memory checks). Parsing
//! rejects nesting deeper than [`MAX_DEPTH`] and programs larger than [`MAX_INSTS`]
//! (`a{100000}` is expanded, so it counts). Lookaround/atomic bodies run in a nested matcher
//! call, so Rust recursion is bounded by the pattern's nesting depth, never by the input.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

pub const FLAG_TEMPLATE: u32 = 1;
pub const FLAG_I: u32 = 2;
pub const FLAG_L: u32 = 4;
pub const FLAG_M: u32 = 8;
pub const FLAG_S: u32 = 16;
pub const FLAG_U: u32 = 32;
pub const FLAG_X: u32 = 64;
pub const FLAG_DEBUG: u32 = 128;
pub const FLAG_A: u32 = 256;

pub const STEP_LIMIT: u64 = 10_000_000;
pub const TICK_STEPS: u64 = 100_000;
pub const MAX_DEPTH: u32 = 200;
pub const MAX_INSTS: usize = 1 << 18;
/// The message of the error a compile ends with when the heap cannot hold the program (a
/// board: a big program is tens of KB); `re` raises `MemoryError` for it.
pub const OUT_OF_MEMORY: &str = "out of memory";
/// an unset capture slot
pub const NONE: usize = usize::MAX;

#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub msg: String,
    /// position in the pattern (None: no position)
    pub pos: Option<usize>,
}

fn err<T>(msg: impl Into<String>, pos: usize) -> Result<T, Error> {
    Err(Error {
        msg: msg.into(),
        pos: Some(pos),
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AssertKind {
    Bol,
    BolM,
    Eol,
    EolM,
    StrStart,
    StrEnd,
    WordB,
    NotWordB,
}

#[derive(Clone, Debug)]
enum ClassItem {
    Range(u32, u32),
    Digit(bool),
    Word(bool),
    Space(bool),
}

/// The class escapes `\d \D \w \W \s \S`, inside or outside a set.
fn class_escape(e: char) -> Option<ClassItem> {
    Some(match e {
        'd' => ClassItem::Digit(false),
        'D' => ClassItem::Digit(true),
        'w' => ClassItem::Word(false),
        'W' => ClassItem::Word(true),
        's' => ClassItem::Space(false),
        'S' => ClassItem::Space(true),
        _ => return None,
    })
}

#[derive(Clone, Debug)]
pub struct Class {
    items: Vec<ClassItem>,
    neg: bool,
    icase: bool,
}

#[derive(Debug)]
enum Node {
    Empty,
    Char(u32, bool),
    Any(bool),
    Class(Class),
    Assert(AssertKind),
    Group(Option<u32>, Box<Node>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
        possessive: bool,
    },
    Backref(u32, bool),
    Look {
        node: Box<Node>,
        behind: bool,
        neg: bool,
    },
    Atomic(Box<Node>),
    Cond {
        group: u32,
        yes: Box<Node>,
        no: Box<Node>,
    },
}

// ---------------------------------------------------------------------- character tests

fn ch(c: u32) -> Option<char> {
    char::from_u32(c)
}

pub fn is_word(c: u32, ascii: bool) -> bool {
    if c < 128 {
        let b = c as u8;
        b.is_ascii_alphanumeric() || b == b'_'
    } else if ascii {
        false
    } else {
        ch(c).is_some_and(|x| x.is_alphanumeric())
    }
}
pub fn is_digit(c: u32, ascii: bool) -> bool {
    if c < 128 {
        (b'0' as u32..=b'9' as u32).contains(&c)
    } else if ascii {
        false
    } else {
        ch(c).is_some_and(|x| x.is_numeric())
    }
}
pub fn is_space(c: u32, ascii: bool) -> bool {
    if c < 128 {
        matches!(c, 9..=13 | 32) || (!ascii && (0x1c..=0x1f).contains(&c))
    } else if ascii {
        false
    } else {
        ch(c).is_some_and(|x| x.is_whitespace())
    }
}
fn lower(c: u32, ascii: bool) -> u32 {
    if c < 128 {
        (c as u8).to_ascii_lowercase() as u32
    } else if ascii {
        c
    } else {
        ch(c)
            .and_then(|x| x.to_lowercase().next())
            .map(|x| x as u32)
            .unwrap_or(c)
    }
}
fn upper(c: u32, ascii: bool) -> u32 {
    if c < 128 {
        (c as u8).to_ascii_uppercase() as u32
    } else if ascii {
        c
    } else {
        ch(c)
            .and_then(|x| {
                let mut u = x.to_uppercase();
                let f = u.next();
                if u.next().is_some() {
                    None
                } else {
                    f
                }
            })
            .map(|x| x as u32)
            .unwrap_or(c)
    }
}

impl Class {
    fn has(&self, c: u32, ascii: bool) -> bool {
        self.items.iter().any(|it| match *it {
            ClassItem::Range(a, b) => a <= c && c <= b,
            ClassItem::Digit(n) => is_digit(c, ascii) != n,
            ClassItem::Word(n) => is_word(c, ascii) != n,
            ClassItem::Space(n) => is_space(c, ascii) != n,
        })
    }
    pub fn matches(&self, c: u32, ascii: bool) -> bool {
        let mut r = self.has(c, ascii);
        if !r && self.icase {
            let l = lower(c, ascii);
            let u = upper(c, ascii);
            r = (l != c && self.has(l, ascii)) || (u != c && self.has(u, ascii));
        }
        r != self.neg
    }
}

// ---------------------------------------------------------------------- parser

struct Parser<'a> {
    p: &'a [u32],
    i: usize,
    flags: u32,
    ngroups: u32,
    names: Vec<(String, u32)>,
    open: Vec<u32>,
    depth: u32,
    bytes: bool,
}

const fn c(x: char) -> u32 {
    x as u32
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u32> {
        self.p.get(self.i).copied()
    }
    fn peek_at(&self, k: usize) -> Option<u32> {
        self.p.get(self.i + k).copied()
    }
    fn eat(&mut self, x: char) -> bool {
        if self.peek() == Some(c(x)) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn icase(&self) -> bool {
        self.flags & FLAG_I != 0
    }
    fn ascii(&self) -> bool {
        self.bytes || self.flags & FLAG_A != 0
    }
    /// In verbose mode, skip whitespace and `#` comments.
    fn skip_ws(&mut self) {
        if self.flags & FLAG_X == 0 {
            return;
        }
        while let Some(x) = self.peek() {
            if matches!(x, 9..=13 | 32) {
                self.i += 1;
            } else if x == c('#') {
                while let Some(y) = self.peek() {
                    self.i += 1;
                    if y == c('\n') {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn parse_alt(&mut self) -> Result<Node, Error> {
        let mut alts = vec![self.parse_concat()?];
        while self.eat('|') {
            alts.push(self.parse_concat()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alts)
        })
    }

    fn parse_concat(&mut self) -> Result<Node, Error> {
        let mut items: Vec<Node> = Vec::new();
        loop {
            self.skip_ws();
            let x = match self.peek() {
                None => break,
                Some(x) => x,
            };
            if x == c('|') || x == c(')') {
                break;
            }
            let start = self.i;
            let atom = self.parse_atom()?;
            let atom = match atom {
                Some(a) => a,
                None => continue, // comment or flags group
            };
            let atom = self.parse_quant(atom, start)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    /// `{m,n}` at the cursor: Some((min, max)) and the cursor moved past it, or None.
    fn parse_braces(&mut self) -> Result<Option<(u32, Option<u32>)>, Error> {
        let save = self.i;
        if !self.eat('{') {
            return Ok(None);
        }
        if self.peek() == Some(c('}')) {
            self.i = save;
            return Ok(None);
        }
        let num = |s: &mut Self| -> Result<Option<u32>, Error> {
            let st = s.i;
            let mut v: u64 = 0;
            while let Some(d) = s.peek().filter(|d| (c('0')..=c('9')).contains(d)) {
                v = v * 10 + (d - c('0')) as u64;
                if v > u32::MAX as u64 {
                    return err("the repetition number is too large", st);
                }
                s.i += 1;
            }
            Ok(if s.i == st { None } else { Some(v as u32) })
        };
        let lo = num(self)?;
        let hi = if self.eat(',') {
            num(self)?
        } else if lo.is_none() {
            self.i = save;
            return Ok(None);
        } else {
            lo
        };
        if !self.eat('}') {
            self.i = save;
            return Ok(None);
        }
        let min = lo.unwrap_or(0);
        if let Some(h) = hi {
            if h < min {
                return err("min repeat greater than max repeat", save + 1);
            }
        }
        Ok(Some((min, hi)))
    }

    fn parse_quant(&mut self, mut atom: Node, start: usize) -> Result<Node, Error> {
        let mut repeated = false;
        loop {
            self.skip_ws();
            let qpos = self.i;
            let (min, max) = match self.peek() {
                Some(x) if x == c('*') => {
                    self.i += 1;
                    (0, None)
                }
                Some(x) if x == c('+') => {
                    self.i += 1;
                    (1, None)
                }
                Some(x) if x == c('?') => {
                    self.i += 1;
                    (0, Some(1))
                }
                Some(x) if x == c('{') => match self.parse_braces()? {
                    Some(r) => r,
                    None => return Ok(atom),
                },
                _ => return Ok(atom),
            };
            if repeated {
                return err("multiple repeat", qpos);
            }
            if matches!(atom, Node::Empty | Node::Assert(_)) {
                return err("nothing to repeat", start);
            }
            let mut greedy = true;
            let mut possessive = false;
            if self.eat('?') {
                greedy = false;
            } else if self.eat('+') {
                possessive = true;
            }
            atom = Node::Repeat {
                node: Box::new(atom),
                min,
                max,
                greedy,
                possessive,
            };
            repeated = true;
        }
    }

    fn group_name(&mut self, end: char) -> Result<String, Error> {
        self.group_name_v(end, true)
    }

    fn group_name_v(&mut self, end: char, validate: bool) -> Result<String, Error> {
        let st = self.i;
        let mut s = String::new();
        loop {
            match self.peek() {
                None => return err("missing >, unterminated name", st),
                Some(x) if x == c(end) => {
                    self.i += 1;
                    break;
                }
                Some(x) => {
                    s.push(ch(x).unwrap_or('\u{fffd}'));
                    self.i += 1;
                }
            }
        }
        if s.is_empty() {
            return err("missing group name", st);
        }
        if !validate {
            return Ok(s);
        }
        let mut cs = s.chars();
        let ok = cs.next().is_some_and(|f| f == '_' || f.is_alphabetic())
            && cs.all(|x| x == '_' || x.is_alphanumeric());
        if !ok || (self.bytes && !s.is_ascii()) {
            return err(format!("bad character in group name '{}'", s), st);
        }
        Ok(s)
    }

    fn lookup_group(&self, name: &str) -> Option<u32> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, g)| *g)
    }

    fn backref(&self, g: u32, pos: usize) -> Result<Node, Error> {
        if g > self.ngroups || g == 0 {
            return err(format!("invalid group reference {}", g), pos);
        }
        if self.open.contains(&g) {
            return err("cannot refer to an open group", pos);
        }
        Ok(Node::Backref(g, self.icase()))
    }

    fn parse_group_body(&mut self, open_pos: usize) -> Result<Node, Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err("too many nested groups", open_pos);
        }
        let n = self.parse_alt()?;
        if !self.eat(')') {
            return err("missing ), unterminated subpattern", open_pos);
        }
        self.depth -= 1;
        Ok(n)
    }

    /// Parse `(?aiLmsux-imsx` flag letters; returns (on, off).
    fn parse_flag_letters(&mut self) -> Result<(u32, u32, bool), Error> {
        let mut on = 0;
        let mut off = 0;
        let mut minus = false;
        loop {
            let x = match self.peek() {
                Some(x) => x,
                None => return err("missing -, : or )", self.i),
            };
            let f = match ch(x) {
                Some('i') => FLAG_I,
                Some('m') => FLAG_M,
                Some('s') => FLAG_S,
                Some('x') => FLAG_X,
                Some('a') => FLAG_A,
                Some('u') => FLAG_U,
                Some('L') => FLAG_L,
                Some('-') if !minus => {
                    minus = true;
                    self.i += 1;
                    continue;
                }
                Some(':') | Some(')') => break,
                _ => {
                    return err(
                        if minus {
                            "unknown flag"
                        } else {
                            "missing -, : or )"
                        },
                        self.i,
                    )
                }
            };
            if minus {
                if f & (FLAG_A | FLAG_U | FLAG_L) != 0 {
                    return err(
                        "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                        self.i,
                    );
                }
                off |= f;
            } else {
                on |= f;
            }
            self.i += 1;
        }
        if on & FLAG_L != 0 && !self.bytes {
            return err(
                "bad inline flags: cannot use 'L' flag with a str pattern",
                self.i,
            );
        }
        if on & FLAG_U != 0 && self.bytes {
            return err(
                "bad inline flags: cannot use 'u' flag with a bytes pattern",
                self.i,
            );
        }
        Ok((on, off, minus))
    }

    fn parse_atom(&mut self) -> Result<Option<Node>, Error> {
        let start = self.i;
        let x = match self.peek() {
            Some(x) => x,
            None => return Ok(Some(Node::Empty)),
        };
        self.i += 1;
        let icase = self.icase();
        let node = match ch(x).unwrap_or('\0') {
            '.' => Node::Any(self.flags & FLAG_S != 0),
            '^' => Node::Assert(if self.flags & FLAG_M != 0 {
                AssertKind::BolM
            } else {
                AssertKind::Bol
            }),
            '$' => Node::Assert(if self.flags & FLAG_M != 0 {
                AssertKind::EolM
            } else {
                AssertKind::Eol
            }),
            '[' => Node::Class(self.parse_class(start)?),
            '\\' => self.parse_escape(start)?,
            '*' | '+' | '?' => return err("nothing to repeat", start),
            '{' => {
                self.i = start;
                if self.parse_braces()?.is_some() {
                    return err("nothing to repeat", start);
                }
                self.i = start + 1;
                Node::Char(x, false)
            }
            '(' => return self.parse_paren(start),
            _ => self.lit(x, icase),
        };
        Ok(Some(node))
    }

    fn lit(&self, x: u32, icase: bool) -> Node {
        if icase {
            let a = self.ascii();
            let l = lower(x, a);
            if l != x || upper(x, a) != x {
                return Node::Char(l, true);
            }
        }
        Node::Char(x, false)
    }

    fn parse_paren(&mut self, start: usize) -> Result<Option<Node>, Error> {
        if !self.eat('?') {
            self.ngroups += 1;
            let g = self.ngroups;
            self.open.push(g);
            let body = self.parse_group_body(start)?;
            self.open.retain(|&o| o != g);
            return Ok(Some(Node::Group(Some(g), Box::new(body))));
        }
        let x = match self.peek() {
            Some(x) => x,
            None => return err("unexpected end of pattern", self.i),
        };
        match ch(x).unwrap_or('\0') {
            ':' => {
                self.i += 1;
                let body = self.parse_group_body(start)?;
                Ok(Some(Node::Group(None, Box::new(body))))
            }
            'P' => {
                self.i += 1;
                if self.eat('<') {
                    let name = self.group_name('>')?;
                    if self.lookup_group(&name).is_some() {
                        return err(
                            format!(
                                "redefinition of group name '{}' as group {}; was group {}",
                                name,
                                self.ngroups + 1,
                                self.lookup_group(&name).unwrap_or(0)
                            ),
                            start + 4,
                        );
                    }
                    self.ngroups += 1;
                    let g = self.ngroups;
                    self.names.push((name, g));
                    self.open.push(g);
                    let body = self.parse_group_body(start)?;
                    self.open.retain(|&o| o != g);
                    Ok(Some(Node::Group(Some(g), Box::new(body))))
                } else if self.eat('=') {
                    let np = self.i;
                    let name = self.group_name(')')?;
                    match self.lookup_group(&name) {
                        Some(g) => Ok(Some(self.backref(g, np)?)),
                        None => err(format!("unknown group name '{}'", name), np),
                    }
                } else {
                    match self.peek() {
                        None => err("unexpected end of pattern", self.i),
                        Some(y) => err(
                            format!("unknown extension ?P{}", ch(y).unwrap_or('?')),
                            start + 1,
                        ),
                    }
                }
            }
            '=' | '!' => {
                self.i += 1;
                let body = self.parse_group_body(start)?;
                Ok(Some(Node::Look {
                    node: Box::new(body),
                    behind: false,
                    neg: x == c('!'),
                }))
            }
            '<' => {
                self.i += 1;
                let y = self.peek();
                if y == Some(c('=')) || y == Some(c('!')) {
                    self.i += 1;
                    let body = self.parse_group_body(start)?;
                    match width(&body) {
                        (a, Some(b)) if a == b => {}
                        _ => {
                            return Err(Error {
                                msg: "look-behind requires fixed-width pattern".into(),
                                pos: None,
                            })
                        }
                    }
                    Ok(Some(Node::Look {
                        node: Box::new(body),
                        behind: true,
                        neg: y == Some(c('!')),
                    }))
                } else {
                    err("unknown extension ?<", start + 1)
                }
            }
            '>' => {
                self.i += 1;
                let body = self.parse_group_body(start)?;
                Ok(Some(Node::Atomic(Box::new(body))))
            }
            '#' => {
                loop {
                    match self.peek() {
                        None => return err("missing ), unterminated comment", start),
                        Some(y) => {
                            self.i += 1;
                            if y == c(')') {
                                break;
                            }
                        }
                    }
                }
                Ok(None)
            }
            '(' => {
                self.i += 1;
                let np = self.i;
                let name = self.group_name_v(')', false)?;
                let g = if let Ok(n) = name.parse::<u32>() {
                    if n == 0 {
                        return err("bad group number", np);
                    }
                    n
                } else {
                    match self.lookup_group(&name) {
                        Some(g) => g,
                        None if !name.chars().all(|x| x == '_' || x.is_alphanumeric()) => {
                            return err(format!("bad character in group name '{}'", name), np)
                        }
                        None => return err(format!("unknown group name '{}'", name), np),
                    }
                };
                if g > self.ngroups {
                    return err(format!("invalid group reference {}", g), np);
                }
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return err("too many nested groups", start);
                }
                let yes = self.parse_concat()?;
                let no = if self.eat('|') {
                    let n = self.parse_concat()?;
                    if self.peek() == Some(c('|')) {
                        return err("conditional backref with more than two branches", self.i);
                    }
                    n
                } else {
                    Node::Empty
                };
                if !self.eat(')') {
                    return err("missing ), unterminated subpattern", start);
                }
                self.depth -= 1;
                Ok(Some(Node::Cond {
                    group: g,
                    yes: Box::new(yes),
                    no: Box::new(no),
                }))
            }
            _ => {
                let (on, off, minus) = self.parse_flag_letters()?;
                if self.eat(')') {
                    if minus {
                        return err("missing :", self.i - 1);
                    }
                    if start != 0 {
                        return err("global flags not at the start of the expression", start);
                    }
                    self.flags |= on;
                    return Ok(None);
                }
                if !self.eat(':') {
                    return err("missing :", self.i);
                }
                let saved = self.flags;
                self.flags = (self.flags | on) & !off;
                let body = self.parse_group_body(start);
                self.flags = saved;
                Ok(Some(Node::Group(None, Box::new(body?))))
            }
        }
    }

    fn hex(&mut self, n: usize, start: usize, what: char) -> Result<u32, Error> {
        let mut v: u32 = 0;
        for k in 0..n {
            match self.peek().and_then(ch).and_then(|d| d.to_digit(16)) {
                Some(d) => {
                    v = v.wrapping_mul(16).wrapping_add(d);
                    self.i += 1;
                }
                None => {
                    let got: String = self.p[start..(self.i).min(self.p.len())]
                        .iter()
                        .map(|&x| ch(x).unwrap_or('?'))
                        .collect();
                    let _ = k;
                    return err(format!("incomplete escape {}", got), start);
                }
            }
        }
        if ch(v).is_none() {
            let _ = what;
            let got: String = self.p[start..self.i]
                .iter()
                .map(|&x| ch(x).unwrap_or('?'))
                .collect();
            return err(format!("bad escape {}", got), start);
        }
        Ok(v)
    }

    /// Escapes valid both inside and outside classes: returns a literal char, or None.
    fn simple_escape(&mut self, e: u32, start: usize) -> Result<Option<u32>, Error> {
        Ok(Some(match ch(e).unwrap_or('\0') {
            'n' => 10,
            't' => 9,
            'r' => 13,
            'f' => 12,
            'v' => 11,
            'a' => 7,
            'x' => self.hex(2, start, 'x')?,
            'u' if !self.bytes => self.hex(4, start, 'u')?,
            'U' if !self.bytes => self.hex(8, start, 'U')?,
            'N' if !self.bytes => return err("\\N{...} escapes are not supported", start),
            '0' => {
                let mut v = 0;
                for _ in 0..2 {
                    match self.peek().filter(|d| (c('0')..=c('7')).contains(d)) {
                        Some(d) => {
                            v = v * 8 + (d - c('0'));
                            self.i += 1;
                        }
                        None => break,
                    }
                }
                v
            }
            x if x.is_ascii_alphabetic() => {
                return err(format!("bad escape \\{}", x), start);
            }
            _ => e,
        }))
    }

    fn parse_escape(&mut self, start: usize) -> Result<Node, Error> {
        let e = match self.peek() {
            Some(e) => e,
            None => return err("bad escape (end of pattern)", start),
        };
        self.i += 1;
        let class = |item: ClassItem| {
            Node::Class(Class {
                items: vec![item],
                neg: false,
                icase: false,
            })
        };
        if let Some(item) = class_escape(ch(e).unwrap_or('\0')) {
            return Ok(class(item));
        }
        Ok(match ch(e).unwrap_or('\0') {
            'A' => Node::Assert(AssertKind::StrStart),
            'Z' => Node::Assert(AssertKind::StrEnd),
            'b' => Node::Assert(AssertKind::WordB),
            'B' => Node::Assert(AssertKind::NotWordB),
            '1'..='9' => {
                // octal escape of three digits, else a group number of up to two digits
                let d2 = self.peek();
                let d3 = self.peek_at(1);
                let oct = |d: Option<u32>| d.is_some_and(|d| (c('0')..=c('7')).contains(&d));
                if e <= c('7') && oct(d2) && oct(d3) {
                    self.i += 2;
                    let v = (e - c('0')) * 64
                        + (d2.unwrap_or(0) - c('0')) * 8
                        + (d3.unwrap_or(0) - c('0'));
                    if v > 0o377 {
                        return err(
                            format!("octal escape value \\{:o} outside of range 0-0o377", v),
                            start,
                        );
                    }
                    self.lit(v, self.icase())
                } else {
                    let mut g = e - c('0');
                    if let Some(d) = d2.filter(|d| (c('0')..=c('9')).contains(d)) {
                        g = g * 10 + (d - c('0'));
                        self.i += 1;
                    }
                    self.backref(g, start + 1)?
                }
            }
            _ => match self.simple_escape(e, start)? {
                Some(v) => self.lit(v, self.icase()),
                None => Node::Empty,
            },
        })
    }

    fn parse_class(&mut self, start: usize) -> Result<Class, Error> {
        let mut cls = Class {
            items: Vec::new(),
            neg: false,
            icase: self.icase(),
        };
        if self.eat('^') {
            cls.neg = true;
        }
        let mut first = true;
        loop {
            let x = match self.peek() {
                None => return err("unterminated character set", start),
                Some(x) => x,
            };
            let item_pos = self.i;
            if x == c(']') && !first {
                self.i += 1;
                break;
            }
            first = false;
            self.i += 1;
            // one element: a char or a class escape
            let lo = if x == c('\\') {
                let e = match self.peek() {
                    Some(e) => e,
                    None => return err("unterminated character set", start),
                };
                self.i += 1;
                if let Some(item) = class_escape(ch(e).unwrap_or('\0')) {
                    cls.items.push(item);
                    continue;
                }
                match ch(e).unwrap_or('\0') {
                    'b' => 8,
                    '1'..='7' => {
                        // octal
                        let mut v = e - c('0');
                        for _ in 0..2 {
                            match self.peek().filter(|d| (c('0')..=c('7')).contains(d)) {
                                Some(d) => {
                                    v = v * 8 + (d - c('0'));
                                    self.i += 1;
                                }
                                None => break,
                            }
                        }
                        if self.i - item_pos == 2 {
                            return err(format!("bad escape \\{}", ch(e).unwrap_or('?')), item_pos);
                        }
                        v
                    }
                    '8' | '9' => {
                        return err(format!("bad escape \\{}", ch(e).unwrap_or('?')), item_pos)
                    }
                    _ => match self.simple_escape(e, item_pos)? {
                        Some(v) => v,
                        None => continue,
                    },
                }
            } else {
                x
            };
            // a range?
            if self.peek() == Some(c('-')) && self.peek_at(1).is_some_and(|y| y != c(']')) {
                self.i += 1;
                let y = self.peek().unwrap_or(0);
                self.i += 1;
                let hi = if y == c('\\') {
                    let e = match self.peek() {
                        Some(e) => e,
                        None => return err("unterminated character set", start),
                    };
                    self.i += 1;
                    if matches!(ch(e), Some('d' | 'D' | 'w' | 'W' | 's' | 'S')) {
                        return err(
                            format!(
                                "bad character range {}-\\{}",
                                ch(lo).unwrap_or('?'),
                                ch(e).unwrap_or('?')
                            ),
                            item_pos,
                        );
                    }
                    if e == c('b') {
                        8
                    } else {
                        match self.simple_escape(e, self.i - 2)? {
                            Some(v) => v,
                            None => e,
                        }
                    }
                } else {
                    y
                };
                if hi < lo {
                    let s: String = self.p[item_pos..self.i]
                        .iter()
                        .map(|&x| ch(x).unwrap_or('?'))
                        .collect();
                    return err(format!("bad character range {}", s), item_pos);
                }
                cls.items.push(ClassItem::Range(lo, hi));
            } else {
                cls.items.push(ClassItem::Range(lo, lo));
            }
        }
        Ok(cls)
    }
}

/// (min, max) width of a node in symbols (max None: unbounded).
fn width(n: &Node) -> (u64, Option<u64>) {
    match n {
        Node::Empty | Node::Assert(_) | Node::Look { .. } => (0, Some(0)),
        Node::Char(..) | Node::Any(_) | Node::Class(_) => (1, Some(1)),
        Node::Group(_, b) | Node::Atomic(b) => width(b),
        Node::Concat(v) => {
            let mut lo = 0u64;
            let mut hi = Some(0u64);
            for x in v {
                let (a, b) = width(x);
                lo = lo.saturating_add(a);
                hi = match (hi, b) {
                    (Some(h), Some(b)) => Some(h.saturating_add(b)),
                    _ => None,
                };
            }
            (lo, hi)
        }
        Node::Alt(v) => {
            let mut lo = u64::MAX;
            let mut hi = Some(0u64);
            for x in v {
                let (a, b) = width(x);
                lo = lo.min(a);
                hi = match (hi, b) {
                    (Some(h), Some(b)) => Some(h.max(b)),
                    _ => None,
                };
            }
            (if v.is_empty() { 0 } else { lo }, hi)
        }
        Node::Repeat { node, min, max, .. } => {
            let (a, b) = width(node);
            let lo = a.saturating_mul(*min as u64);
            let hi = match (b, max) {
                (Some(0), _) => Some(0),
                (Some(b), Some(m)) => Some(b.saturating_mul(*m as u64)),
                _ => None,
            };
            (lo, hi)
        }
        Node::Backref(..) => (0, None),
        Node::Cond { yes, no, .. } => {
            let (a, b) = width(yes);
            let (c2, d) = width(no);
            (
                a.min(c2),
                match (b, d) {
                    (Some(b), Some(d)) => Some(b.max(d)),
                    _ => None,
                },
            )
        }
    }
}

// ---------------------------------------------------------------------- program

#[derive(Clone, Debug)]
pub enum Inst {
    Char(u32),
    /// case-insensitive: the operand is lowercased
    CharI(u32),
    /// `.` without DOTALL
    AnyNl,
    Any,
    Class(u32),
    Assert(AssertKind),
    /// try the first target, backtrack to the second
    Split(u32, u32),
    Jmp(u32),
    Save(u32),
    /// remember the position at the start of a loop iteration (register)
    RepStart(u32),
    /// fail if the iteration matched nothing (prevents infinite empty loops)
    RepCheck(u32),
    Backref(u32, bool),
    /// body at pc+1, ending with Match; continue at `next`
    Look {
        neg: bool,
        behind: Option<u32>,
        next: u32,
    },
    Atomic {
        next: u32,
    },
    /// a repeat of a single-symbol matcher (no captures inside): one backtrack entry
    /// instead of one per symbol
    RepOne {
        single: Single,
        min: u32,
        /// u32::MAX: unbounded
        max: u32,
        greedy: bool,
    },
    /// group matched: continue at pc+1, else at `no`
    Cond {
        group: u32,
        no: u32,
    },
    Match,
}

/// A matcher of exactly one symbol.
#[derive(Clone, Copy, Debug)]
pub enum Single {
    Char(u32),
    CharI(u32),
    Any,
    AnyNl,
    Class(u32),
}

#[derive(Debug)]
pub struct Prog {
    pub insts: Vec<Inst>,
    pub classes: Vec<Class>,
    /// number of capture groups (not counting group 0)
    pub groups: u32,
    pub names: Vec<(String, u32)>,
    pub flags: u32,
    nregs: u32,
    ascii: bool,
    /// matches can only start at position 0
    anchored: bool,
    /// every match starts with this symbol
    first: Option<u32>,
}

struct Compiler {
    insts: Vec<Inst>,
    classes: Vec<Class>,
    nregs: u32,
}

impl Compiler {
    fn emit(&mut self, i: Inst) -> Result<usize, Error> {
        if self.insts.len() >= MAX_INSTS {
            return Err(Error {
                msg: "pattern too large".into(),
                pos: None,
            });
        }
        // the program doubles as it grows: a failed growth is a MemoryError, not an abort
        if self.insts.try_reserve(1).is_err() {
            return Err(Error {
                msg: OUT_OF_MEMORY.into(),
                pos: None,
            });
        }
        self.insts.push(i);
        Ok(self.insts.len() - 1)
    }
    fn pc(&self) -> u32 {
        self.insts.len() as u32
    }
    fn patch(&mut self, at: usize, i: Inst) {
        self.insts[at] = i;
    }

    fn node(&mut self, n: &Node) -> Result<(), Error> {
        match n {
            Node::Empty => {}
            Node::Char(x, false) => {
                self.emit(Inst::Char(*x))?;
            }
            Node::Char(x, true) => {
                self.emit(Inst::CharI(*x))?;
            }
            Node::Any(dotall) => {
                self.emit(if *dotall { Inst::Any } else { Inst::AnyNl })?;
            }
            Node::Class(cl) => {
                let k = self.classes.len() as u32;
                self.classes.push(cl.clone());
                self.emit(Inst::Class(k))?;
            }
            Node::Assert(a) => {
                self.emit(Inst::Assert(*a))?;
            }
            Node::Group(g, body) => match g {
                Some(g) => {
                    self.emit(Inst::Save(2 * g))?;
                    self.node(body)?;
                    self.emit(Inst::Save(2 * g + 1))?;
                }
                None => self.node(body)?,
            },
            Node::Concat(v) => {
                for x in v {
                    self.node(x)?;
                }
            }
            Node::Alt(v) => {
                let mut jumps = Vec::new();
                for (k, x) in v.iter().enumerate() {
                    if k + 1 < v.len() {
                        let split = self.emit(Inst::Split(0, 0))?;
                        self.node(x)?;
                        jumps.push(self.emit(Inst::Jmp(0))?);
                        let next = self.pc();
                        self.patch(split, Inst::Split(split as u32 + 1, next));
                    } else {
                        self.node(x)?;
                    }
                }
                let end = self.pc();
                for j in jumps {
                    self.patch(j, Inst::Jmp(end));
                }
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
                possessive,
            } => {
                if *possessive {
                    let at = self.emit(Inst::Atomic { next: 0 })?;
                    self.repeat(node, *min, *max, true)?;
                    self.emit(Inst::Match)?;
                    let next = self.pc();
                    self.patch(at, Inst::Atomic { next });
                } else {
                    self.repeat(node, *min, *max, *greedy)?;
                }
            }
            Node::Backref(g, ic) => {
                self.emit(Inst::Backref(*g, *ic))?;
            }
            Node::Look { node, behind, neg } => {
                let w = if *behind {
                    Some(width(node).0.min(u32::MAX as u64) as u32)
                } else {
                    None
                };
                let at = self.emit(Inst::Look {
                    neg: *neg,
                    behind: w,
                    next: 0,
                })?;
                self.node(node)?;
                self.emit(Inst::Match)?;
                let next = self.pc();
                self.patch(
                    at,
                    Inst::Look {
                        neg: *neg,
                        behind: w,
                        next,
                    },
                );
            }
            Node::Atomic(body) => {
                let at = self.emit(Inst::Atomic { next: 0 })?;
                self.node(body)?;
                self.emit(Inst::Match)?;
                let next = self.pc();
                self.patch(at, Inst::Atomic { next });
            }
            Node::Cond { group, yes, no } => {
                let at = self.emit(Inst::Cond {
                    group: *group,
                    no: 0,
                })?;
                self.node(yes)?;
                let j = self.emit(Inst::Jmp(0))?;
                let no_pc = self.pc();
                self.node(no)?;
                let end = self.pc();
                self.patch(
                    at,
                    Inst::Cond {
                        group: *group,
                        no: no_pc,
                    },
                );
                self.patch(j, Inst::Jmp(end));
            }
        }
        Ok(())
    }

    fn split(&self, greedy: bool, body: u32, out: u32) -> Inst {
        if greedy {
            Inst::Split(body, out)
        } else {
            Inst::Split(out, body)
        }
    }

    /// The single-symbol matcher a node is, if it is one (no captures).
    fn single(&mut self, node: &Node) -> Option<Single> {
        match node {
            Node::Char(x, false) => Some(Single::Char(*x)),
            Node::Char(x, true) => Some(Single::CharI(*x)),
            Node::Any(true) => Some(Single::Any),
            Node::Any(false) => Some(Single::AnyNl),
            Node::Class(cl) => {
                let k = self.classes.len() as u32;
                self.classes.push(cl.clone());
                Some(Single::Class(k))
            }
            Node::Group(None, b) => self.single(b),
            Node::Alt(v) => {
                // an alternation of plain chars / non-negated classes is a class
                let mut items = Vec::new();
                for x in v {
                    match x {
                        Node::Char(c, false) => items.push(ClassItem::Range(*c, *c)),
                        Node::Class(cl) if !cl.neg && !cl.icase => {
                            items.extend(cl.items.iter().cloned())
                        }
                        _ => return None,
                    }
                }
                let k = self.classes.len() as u32;
                self.classes.push(Class {
                    items,
                    neg: false,
                    icase: false,
                });
                Some(Single::Class(k))
            }
            _ => None,
        }
    }

    fn repeat(
        &mut self,
        node: &Node,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    ) -> Result<(), Error> {
        if let Some(single) = self.single(node) {
            self.emit(Inst::RepOne {
                single,
                min,
                max: max.unwrap_or(u32::MAX),
                greedy,
            })?;
            return Ok(());
        }
        let nullable = width(node).0 == 0;
        match max {
            None => {
                if min >= 1 && !nullable {
                    for _ in 0..min - 1 {
                        self.node(node)?;
                    }
                    // L: node; Split(L, out)
                    let l = self.pc();
                    self.node(node)?;
                    let out = self.pc() + 1;
                    let s = self.split(greedy, l, out);
                    self.emit(s)?;
                } else {
                    for _ in 0..min {
                        self.node(node)?;
                    }
                    let l1 = self.emit(Inst::Split(0, 0))?;
                    let reg = if nullable {
                        let r = self.nregs;
                        self.nregs += 1;
                        self.emit(Inst::RepStart(r))?;
                        Some(r)
                    } else {
                        None
                    };
                    self.node(node)?;
                    if let Some(r) = reg {
                        self.emit(Inst::RepCheck(r))?;
                    }
                    self.emit(Inst::Jmp(l1 as u32))?;
                    let out = self.pc();
                    let s = self.split(greedy, l1 as u32 + 1, out);
                    self.patch(l1, s);
                }
            }
            Some(max) => {
                for _ in 0..min {
                    self.node(node)?;
                }
                let mut splits = Vec::new();
                for _ in min..max {
                    splits.push(self.emit(Inst::Split(0, 0))?);
                    self.node(node)?;
                }
                let out = self.pc();
                for s in splits {
                    let i = self.split(greedy, s as u32 + 1, out);
                    self.patch(s, i);
                }
            }
        }
        Ok(())
    }
}

/// Compile a pattern (chars of a str pattern, or bytes) with flags `FLAG_*`.
pub fn compile(pattern: &[u32], flags: u32, bytes: bool) -> Result<Prog, Error> {
    if bytes && flags & FLAG_U != 0 {
        return Err(Error {
            msg: "cannot use UNICODE flag with a bytes pattern".into(),
            pos: None,
        });
    }
    if !bytes && flags & FLAG_L != 0 {
        return Err(Error {
            msg: "cannot use LOCALE flag with a str pattern".into(),
            pos: None,
        });
    }
    if flags & FLAG_A != 0 && flags & FLAG_U != 0 {
        return Err(Error {
            msg: "ASCII and UNICODE flags are incompatible".into(),
            pos: None,
        });
    }
    let mut p = Parser {
        p: pattern,
        i: 0,
        flags,
        ngroups: 0,
        names: Vec::new(),
        open: Vec::new(),
        depth: 0,
        bytes,
    };
    let node = p.parse_alt()?;
    if p.i < pattern.len() {
        return err("unbalanced parenthesis", p.i);
    }
    let mut cc = Compiler {
        insts: Vec::new(),
        classes: Vec::new(),
        nregs: 0,
    };
    cc.emit(Inst::Save(0))?;
    cc.node(&node)?;
    cc.emit(Inst::Save(1))?;
    cc.emit(Inst::Match)?;
    let (anchored, first) = match cc.insts.get(1) {
        Some(Inst::Assert(AssertKind::Bol | AssertKind::StrStart)) => (true, None),
        Some(Inst::Char(x)) => (false, Some(*x)),
        _ => (false, None),
    };
    Ok(Prog {
        insts: cc.insts,
        classes: cc.classes,
        groups: p.ngroups,
        names: p.names,
        flags: p.flags,
        nregs: cc.nregs,
        ascii: bytes || p.flags & FLAG_A != 0,
        anchored,
        first,
    })
}

// ---------------------------------------------------------------------- matcher

/// A subject symbol: a byte (bytes and ASCII str) or a char code.
pub trait Sym: Copy {
    fn get(self) -> u32;
}
impl Sym for u8 {
    #[inline]
    fn get(self) -> u32 {
        self as u32
    }
}
impl Sym for u32 {
    #[inline]
    fn get(self) -> u32 {
        self
    }
}

#[derive(Debug)]
pub enum ExecError<E> {
    /// the step budget ran out (catastrophic backtracking)
    StepLimit,
    /// the tick callback failed (interrupt, memory)
    Tick(E),
}

enum Bt {
    Alt(u32, usize),
    Slot(u32, usize),
    /// greedy RepOne at `pc`: may give back symbols down to `min_pos`
    Greedy {
        pc: u32,
        min_pos: usize,
        pos: usize,
    },
    /// lazy RepOne at `pc`: may take one more symbol (`count` taken so far)
    Lazy {
        pc: u32,
        pos: usize,
        count: u32,
    },
}

struct Exec<'a, T, E> {
    prog: &'a Prog,
    input: &'a [T],
    steps: u64,
    limit: u64,
    next_tick: u64,
    /// total backtrack entries alive over all nested runs (memory accounting)
    tick: &'a mut dyn FnMut(usize) -> Result<(), E>,
}

impl<T: Sym, E> Exec<'_, T, E> {
    fn is_word_at(&self, i: usize) -> bool {
        self.input
            .get(i)
            .is_some_and(|x| is_word(x.get(), self.prog.ascii))
    }

    #[inline]
    fn single(&self, s: Single, x: u32) -> bool {
        let ascii = self.prog.ascii;
        match s {
            Single::Char(c) => x == c,
            Single::CharI(c) => lower(x, ascii) == c,
            Single::Any => true,
            Single::AnyNl => x != 10,
            Single::Class(k) => self.prog.classes[k as usize].matches(x, ascii),
        }
    }

    fn assert(&self, a: AssertKind, pos: usize) -> bool {
        let n = self.input.len();
        let nl = |i: usize| self.input.get(i).map(|x| x.get()) == Some(10);
        match a {
            AssertKind::Bol | AssertKind::StrStart => pos == 0,
            AssertKind::BolM => pos == 0 || nl(pos - 1),
            AssertKind::Eol => pos == n || (pos + 1 == n && nl(pos)),
            AssertKind::EolM => pos == n || nl(pos),
            AssertKind::StrEnd => pos == n,
            AssertKind::WordB | AssertKind::NotWordB => {
                let before = pos > 0 && self.is_word_at(pos - 1);
                let after = self.is_word_at(pos);
                (before != after) == (a == AssertKind::WordB)
            }
        }
    }

    /// Run from `pc` at `pos`. On success returns the end position with `slots` filled.
    /// `end`: the match must end there; `forbid_empty`: reject an empty match at `pos`.
    fn run(
        &mut self,
        pc0: usize,
        pos0: usize,
        slots: &mut [usize],
        end: Option<usize>,
        forbid_empty: bool,
    ) -> Result<Option<usize>, ExecError<E>> {
        let prog = self.prog;
        let insts = &prog.insts[..];
        let input = self.input;
        let n = input.len();
        let ascii = prog.ascii;
        let reg_base = 2 * (prog.groups as usize + 1) + 1;
        let li = reg_base - 1;
        let mut stack: Vec<Bt> = Vec::new();
        let mut next_mem = 1usize << 16;
        let mut pc = pc0;
        let mut pos = pos0;
        loop {
            self.steps += 1;
            if self.steps >= self.next_tick {
                if self.steps > self.limit {
                    return Err(ExecError::StepLimit);
                }
                self.next_tick = self.steps + TICK_STEPS;
                (self.tick)(0).map_err(ExecError::Tick)?;
            }
            let ok = match insts.get(pc) {
                None => false,
                Some(inst) => match *inst {
                    Inst::Char(x) => {
                        if pos < n && input[pos].get() == x {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::CharI(x) => {
                        if pos < n && lower(input[pos].get(), ascii) == x {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::AnyNl => {
                        if pos < n && input[pos].get() != 10 {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Any => {
                        if pos < n {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Class(k) => {
                        if pos < n && prog.classes[k as usize].matches(input[pos].get(), ascii) {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Assert(a) => {
                        if self.assert(a, pos) {
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Split(a, b) => {
                        stack.push(Bt::Alt(b, pos));
                        pc = a as usize;
                        true
                    }
                    Inst::Jmp(a) => {
                        pc = a as usize;
                        true
                    }
                    Inst::Save(s) => {
                        let s = s as usize;
                        stack.push(Bt::Slot(s as u32, slots[s]));
                        slots[s] = pos;
                        if s >= 2 && s & 1 == 1 {
                            stack.push(Bt::Slot(li as u32, slots[li]));
                            slots[li] = s / 2;
                        }
                        pc += 1;
                        true
                    }
                    Inst::RepStart(r) => {
                        let k = reg_base + r as usize;
                        stack.push(Bt::Slot(k as u32, slots[k]));
                        slots[k] = pos;
                        pc += 1;
                        true
                    }
                    Inst::RepCheck(r) => {
                        if slots[reg_base + r as usize] != pos {
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Backref(g, ic) => {
                        let s = slots[2 * g as usize];
                        let e = slots[2 * g as usize + 1];
                        if s == NONE || e == NONE || e < s {
                            false
                        } else {
                            let len = e - s;
                            if pos + len > n {
                                false
                            } else {
                                let same = (0..len).all(|k| {
                                    let a = input[s + k].get();
                                    let b = input[pos + k].get();
                                    a == b || (ic && lower(a, ascii) == lower(b, ascii))
                                });
                                if same {
                                    pos += len;
                                    pc += 1;
                                }
                                same
                            }
                        }
                    }
                    Inst::Look { neg, behind, next } => {
                        let (start, want_end) = match behind {
                            Some(w) => {
                                let w = w as usize;
                                if pos >= w {
                                    (Some(pos - w), Some(pos))
                                } else {
                                    (None, None)
                                }
                            }
                            None => (Some(pos), None),
                        };
                        let mut sub = slots.to_vec();
                        let found = match start {
                            Some(st) => self.run(pc + 1, st, &mut sub, want_end, false)?.is_some(),
                            None => false,
                        };
                        if found != neg {
                            if found {
                                for (k, v) in sub.iter().enumerate().take(reg_base) {
                                    if slots[k] != *v {
                                        stack.push(Bt::Slot(k as u32, slots[k]));
                                        slots[k] = *v;
                                    }
                                }
                            }
                            pc = next as usize;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Atomic { next } => {
                        let mut sub = slots.to_vec();
                        match self.run(pc + 1, pos, &mut sub, None, false)? {
                            Some(e) => {
                                for (k, v) in sub.iter().enumerate() {
                                    if slots[k] != *v {
                                        stack.push(Bt::Slot(k as u32, slots[k]));
                                        slots[k] = *v;
                                    }
                                }
                                pos = e;
                                pc = next as usize;
                                true
                            }
                            None => false,
                        }
                    }
                    Inst::RepOne {
                        single,
                        min,
                        max,
                        greedy,
                    } => {
                        let avail = n - pos;
                        let maxc = if (max as usize) < avail {
                            max as usize
                        } else {
                            avail
                        };
                        if greedy {
                            let mut k = 0;
                            while k < maxc && self.single(single, input[pos + k].get()) {
                                k += 1;
                            }
                            self.steps += k as u64;
                            if k < min as usize {
                                false
                            } else {
                                let min_pos = pos + min as usize;
                                pos += k;
                                if pos > min_pos {
                                    stack.push(Bt::Greedy {
                                        pc: pc as u32,
                                        min_pos,
                                        pos,
                                    });
                                }
                                pc += 1;
                                true
                            }
                        } else {
                            let m = min as usize;
                            if m > avail
                                || !(0..m).all(|k| self.single(single, input[pos + k].get()))
                            {
                                false
                            } else {
                                self.steps += m as u64;
                                pos += m;
                                if min < max && pos < n {
                                    stack.push(Bt::Lazy {
                                        pc: pc as u32,
                                        pos,
                                        count: min,
                                    });
                                }
                                pc += 1;
                                true
                            }
                        }
                    }
                    Inst::Cond { group, no } => {
                        let g = group as usize;
                        if slots.get(2 * g + 1).is_some_and(|&e| e != NONE) {
                            pc += 1;
                        } else {
                            pc = no as usize;
                        }
                        true
                    }
                    Inst::Match => {
                        let bad_end = end.is_some_and(|e| e != pos);
                        let bad_empty = forbid_empty && pos == pos0;
                        if !bad_end && !bad_empty {
                            return Ok(Some(pos));
                        }
                        false
                    }
                },
            };
            if ok {
                if stack.len() >= next_mem {
                    next_mem = stack.len() + (1 << 16);
                    (self.tick)(stack.len() * core::mem::size_of::<Bt>())
                        .map_err(ExecError::Tick)?;
                }
                continue;
            }
            // backtrack
            loop {
                match stack.pop() {
                    None => return Ok(None),
                    Some(Bt::Slot(i, v)) => slots[i as usize] = v,
                    Some(Bt::Alt(p, q)) => {
                        pc = p as usize;
                        pos = q;
                        break;
                    }
                    Some(Bt::Greedy {
                        pc: p,
                        min_pos,
                        pos: q,
                    }) => {
                        // give back one symbol; skip ahead to where a following literal fits
                        let mut np = q - 1;
                        if let Some(Inst::Char(c)) = insts.get(p as usize + 1) {
                            let start = np;
                            while np > min_pos && input.get(np).map(|x| x.get()) != Some(*c) {
                                np -= 1;
                            }
                            self.steps += (start - np) as u64;
                        }
                        if np > min_pos {
                            stack.push(Bt::Greedy {
                                pc: p,
                                min_pos,
                                pos: np,
                            });
                        }
                        pc = p as usize + 1;
                        pos = np;
                        break;
                    }
                    Some(Bt::Lazy {
                        pc: p,
                        pos: q,
                        count,
                    }) => {
                        if let Some(Inst::RepOne { single, max, .. }) = insts.get(p as usize) {
                            if count < *max && q < n && self.single(*single, input[q].get()) {
                                if count + 1 < *max && q + 1 < n {
                                    stack.push(Bt::Lazy {
                                        pc: p,
                                        pos: q + 1,
                                        count: count + 1,
                                    });
                                }
                                pc = p as usize + 1;
                                pos = q + 1;
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
}

impl Prog {
    /// Size of the slot vector `search` returns: 2 per group (group 0 included), then
    /// `lastindex`, then loop registers.
    pub fn nslots(&self) -> usize {
        2 * (self.groups as usize + 1) + 1 + self.nregs as usize
    }

    pub fn group_index(&self, name: &str) -> Option<u32> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, g)| *g)
    }

    /// Find a match in `input` starting at `start` or later (only at `start` when
    /// `anchored`). `full`: the match must extend to the end of `input`. `must_advance`:
    /// an empty match at `start` is not accepted. Returns the slots (see [`Prog::nslots`];
    /// [`NONE`] for unset; slot `2*groups+2` is `lastindex` or NONE).
    pub fn search<T: Sym, E>(
        &self,
        input: &[T],
        start: usize,
        anchored: bool,
        full: bool,
        must_advance: bool,
        tick: &mut dyn FnMut(usize) -> Result<(), E>,
    ) -> Result<Option<Vec<usize>>, ExecError<E>> {
        let n = input.len();
        if start > n {
            return Ok(None);
        }
        let mut ex = Exec {
            prog: self,
            input,
            steps: 0,
            limit: STEP_LIMIT.saturating_add(32u64.saturating_mul((n - start) as u64)),
            next_tick: TICK_STEPS,
            tick,
        };
        let mut slots = vec![NONE; self.nslots()];
        let end = if full { Some(n) } else { None };
        let mut s = start;
        loop {
            if self.anchored && s > 0 {
                return Ok(None);
            }
            if let (Some(f), false) = (self.first, anchored) {
                match input[s.min(n)..].iter().position(|x| x.get() == f) {
                    Some(k) => s += k,
                    None => return Ok(None),
                }
            }
            for x in slots.iter_mut() {
                *x = NONE;
            }
            // each match attempt gets its own budget
            ex.limit = ex
                .steps
                .saturating_add(STEP_LIMIT)
                .saturating_add(32u64.saturating_mul((n - s) as u64));
            if ex
                .run(0, s, &mut slots, end, must_advance && s == start)?
                .is_some()
            {
                return Ok(Some(slots));
            }
            if anchored || s >= n {
                return Ok(None);
            }
            s += 1;
            ex.steps += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }
    fn prog(p: &str, flags: u32) -> Prog {
        compile(&chars(p), flags, false).expect("compile")
    }
    /// the span of group 0 of a search, or None
    fn find(p: &str, s: &str) -> Option<(usize, usize)> {
        findf(p, s, 0)
    }
    fn findf(p: &str, s: &str, flags: u32) -> Option<(usize, usize)> {
        let pr = prog(p, flags);
        let r = pr
            .search::<u32, ()>(&chars(s), 0, false, false, false, &mut |_| Ok(()))
            .expect("no limit");
        r.map(|v| (v[0], v[1]))
    }
    fn groups(p: &str, s: &str) -> Vec<Option<(usize, usize)>> {
        let pr = prog(p, 0);
        let v = pr
            .search::<u32, ()>(&chars(s), 0, false, false, false, &mut |_| Ok(()))
            .expect("no limit")
            .expect("match");
        (0..=pr.groups as usize)
            .map(|g| {
                if v[2 * g] == NONE || v[2 * g + 1] == NONE {
                    None
                } else {
                    Some((v[2 * g], v[2 * g + 1]))
                }
            })
            .collect()
    }
    fn bad(p: &str) -> String {
        compile(&chars(p), 0, false).expect_err("should fail").msg
    }

    #[test]
    fn literals_and_classes() {
        assert_eq!(find("abc", "xxabcx"), Some((2, 5)));
        assert_eq!(find("a.c", "a\nc abc"), Some((4, 7)));
        assert_eq!(findf("a.c", "a\nc", FLAG_S), Some((0, 3)));
        assert_eq!(find(r"\d+", "ab123c"), Some((2, 5)));
        assert_eq!(find(r"[a-c]+", "xxcabz"), Some((2, 5)));
        assert_eq!(find(r"[^a-c]+", "abxyz"), Some((2, 5)));
        assert_eq!(find(r"[]a]+", "x]a]"), Some((1, 4)));
        assert_eq!(find(r"[a-]+", "x-a-"), Some((1, 4)));
        assert_eq!(find(r"\W+", "ab, c"), Some((2, 4)));
        assert_eq!(find(r"[\s\d]+", "ab 1 c"), Some((2, 5)));
        assert_eq!(find(r"\x41\u00e9", "zAé"), Some((1, 3)));
        assert_eq!(find("é+", "aééb"), Some((1, 3)));
        assert_eq!(find(r"\w+", "  héllo "), Some((2, 7)));
        assert_eq!(findf(r"\w+", "  héllo ", FLAG_A), Some((2, 3)));
    }

    #[test]
    fn anchors() {
        assert_eq!(find("^a", "ba"), None);
        assert_eq!(find("a$", "ba\n"), Some((1, 2)));
        assert_eq!(find(r"a\Z", "ba\n"), None);
        assert_eq!(findf("^b", "a\nb", FLAG_M), Some((2, 3)));
        assert_eq!(findf("a$", "a\nb", FLAG_M), Some((0, 1)));
        assert_eq!(find(r"\bfoo\b", "afoo foo"), Some((5, 8)));
        assert_eq!(find(r"\Boo", "foo"), Some((1, 3)));
    }

    #[test]
    fn quantifiers() {
        assert_eq!(find("<.*>", "<a><b>"), Some((0, 6)));
        assert_eq!(find("<.*?>", "<a><b>"), Some((0, 3)));
        assert_eq!(find("a{2,3}", "aaaa"), Some((0, 3)));
        assert_eq!(find("a{2,3}?", "aaaa"), Some((0, 2)));
        assert_eq!(find("a{2}", "a aa"), Some((2, 4)));
        assert_eq!(find("a{2,}", "aaaaa"), Some((0, 5)));
        assert_eq!(find("a{,2}", "aaa"), Some((0, 2)));
        assert_eq!(find("x{", "x{"), Some((0, 2)));
        assert_eq!(find("a{1,x}", "a{1,x}"), Some((0, 6)));
        assert_eq!(find("(a*)*b", "aab"), Some((0, 3)));
        assert_eq!(find("(a|)*c", "aac"), Some((0, 3)));
        assert_eq!(find("a*+a", "aaa"), None);
        assert_eq!(find("(?>a*)b", "aab"), Some((0, 3)));
    }

    #[test]
    fn groups_and_backrefs() {
        assert_eq!(
            groups(r"(\d+)-(\d+)", "x12-345"),
            vec![Some((1, 7)), Some((1, 3)), Some((4, 7))]
        );
        assert_eq!(
            groups(r"(a)(b)?", "ac"),
            vec![Some((0, 1)), Some((0, 1)), None]
        );
        assert_eq!(find(r"(\w)\1", "abccd"), Some((2, 4)));
        assert_eq!(find(r"(?P<x>a)(?P=x)", "aaa"), Some((0, 2)));
        assert_eq!(findf(r"(a)\1", "aA", FLAG_I), Some((0, 2)));
        assert_eq!(groups(r"(ab)+", "ababx")[1], Some((2, 4)));
        assert_eq!(find(r"(a)?(?(1)b|c)", "c"), Some((0, 1)));
        assert_eq!(find(r"(a)?(?(1)b|c)", "ab"), Some((0, 2)));
    }

    #[test]
    fn lookaround() {
        assert_eq!(find(r"foo(?=bar)", "foobaz foobar"), Some((7, 10)));
        assert_eq!(find(r"foo(?!bar)", "foobar foobaz"), Some((7, 10)));
        assert_eq!(find(r"(?<=\$)\d+", "a1 $42"), Some((4, 6)));
        assert_eq!(find(r"(?<!\$)\b\d+", "$42 17"), Some((4, 6)));
        assert_eq!(bad(r"(?<=a+)b"), "look-behind requires fixed-width pattern");
    }

    #[test]
    fn flags() {
        assert_eq!(findf("abc", "xABC", FLAG_I), Some((1, 4)));
        assert_eq!(find("(?i)abc", "xABC"), Some((1, 4)));
        assert_eq!(find("a(?i:b)c", "aBc aBC"), Some((0, 3)));
        assert_eq!(findf("[a-z]+", "ABC", FLAG_I), Some((0, 3)));
        assert_eq!(find("(?x) a b # comment\n c", "abc"), Some((0, 3)));
        assert_eq!(find("(?s).", "\n"), Some((0, 1)));
    }

    #[test]
    fn errors() {
        assert_eq!(bad("(a"), "missing ), unterminated subpattern");
        assert_eq!(bad("a)"), "unbalanced parenthesis");
        assert_eq!(bad("*a"), "nothing to repeat");
        assert_eq!(bad("a**"), "multiple repeat");
        assert_eq!(bad("[a"), "unterminated character set");
        assert_eq!(bad("[z-a]"), "bad character range z-a");
        assert_eq!(bad(r"\q"), "bad escape \\q");
        assert_eq!(bad(r"(a)\2"), "invalid group reference 2");
        assert_eq!(bad(r"(?P=n)"), "unknown group name 'n'");
        assert_eq!(bad("a{3,2}"), "min repeat greater than max repeat");
        assert_eq!(
            bad("a(?i)"),
            "global flags not at the start of the expression"
        );
        let deep = "(".repeat(1000) + &")".repeat(1000);
        assert_eq!(bad(&deep), "too many nested groups");
        let r = compile(&chars("((ab){1000}){1000}"), 0, false);
        assert!(matches!(r, Err(e) if e.msg == "pattern too large"));
    }

    #[test]
    fn step_limit_and_must_advance() {
        let pr = prog("(a*)*b", 0);
        let s = chars(&"a".repeat(40));
        let r = pr.search::<u32, ()>(&s, 0, false, false, false, &mut |_| Ok(()));
        // linear thanks to the empty-iteration check, or a step-limit error: never a hang
        assert!(matches!(r, Ok(None) | Err(ExecError::StepLimit)));
        let pr = prog("(x+x+)+y", 0);
        let s = chars(&"x".repeat(60));
        let r = pr.search::<u32, ()>(&s, 0, false, false, false, &mut |_| Ok(()));
        assert!(matches!(r, Err(ExecError::StepLimit)));
        // the tick callback can abort
        let r = pr.search::<u32, u8>(&s, 0, false, false, false, &mut |_| Err(7));
        assert!(matches!(r, Err(ExecError::Tick(7))));
        let pr = prog("x*", 0);
        let r = pr
            .search::<u8, ()>(b"ab", 0, false, false, true, &mut |_| Ok(()))
            .expect("ok")
            .expect("match");
        assert_eq!((r[0], r[1]), (1, 1));
        // long subject: no native recursion over the input
        let big = vec![b'a'; 1_000_000];
        let pr = prog("(?:a|b)*c", 0);
        let r = pr.search::<u8, ()>(&big, 0, true, false, false, &mut |_| Ok(()));
        assert!(matches!(r, Ok(None)));
    }
}
