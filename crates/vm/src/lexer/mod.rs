//! The lexer: source text → tokens, with NEWLINE / INDENT / DEDENT.
//!
//! The whole source is tokenized up front. When the lexer meets an error it stops and
//! pushes a [`Tok::Error`] token; the error itself is in [`Lexed::error`]. The parser reports
//! it when it reaches that token, or instead of its own error (as CPython does: tokenizer
//! errors anywhere in the file win over parser errors).
//!
//! Positions are 1-based lines and 0-based columns counted in characters.
//! Line endings (`\r\n`, `\r`) must already be normalized to `\n` (see [`normalize`]).

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::error::CompileError;

/// More nested brackets than this is a `SyntaxError` ("too many nested parentheses").
pub const MAX_PAREN_DEPTH: usize = 200;
/// More indentation levels than this is an `IndentationError`.
pub const MAX_INDENT_DEPTH: usize = 100;
/// Decimal integer literals longer than this are refused (CPython's int_max_str_digits).
pub const MAX_DECIMAL_DIGITS: usize = 4300;
/// Hex/octal/binary literals longer than this are refused (they are converted to decimal).
pub const MAX_RADIX_DIGITS: usize = 16000;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(String),
    Int(i64),
    /// decimal digits of an integer that does not fit in i64
    BigInt(String),
    Float(f64),
    Imag(f64),
    Str(String),
    Bytes(Vec<u8>),
    FStr(Box<FStrTok>),
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// the lexer stopped here with an error (see [`Lexed::error`])
    Error,
    // keywords
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
    // delimiters and operators
    LPar,
    RPar,
    LSqb,
    RSqb,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    RArrow,
    Ellipsis,
    ColonEqual,
}

/// An f-string literal, not yet split into its parts (the parser does that).
#[derive(Clone, Debug, PartialEq)]
pub struct FStrTok {
    /// the text between the quotes, escapes not processed
    pub body: String,
    pub raw: bool,
    /// position of the first character of `body`
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

#[derive(Clone, Debug)]
pub struct LexError {
    pub err: CompileError,
    /// for "'(' was never closed": the line of that bracket
    pub unclosed_paren_line: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Lexed {
    /// always ends with `EndMarker` or `Error`
    pub tokens: Vec<Token>,
    pub error: Option<LexError>,
    /// the input ended inside an indented block and its last line was not blank
    /// (used by `Mode::Single` to ask for more input)
    pub open_block_at_eof: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexMode {
    /// statements: NEWLINE/INDENT/DEDENT
    File,
    /// an expression for `eval()`: no INDENT/DEDENT, leading whitespace ignored
    Eval,
    /// the expression part of an f-string: as if inside brackets (newlines ignored)
    FStringExpr,
}

/// `\r\n` and `\r` → `\n`; a leading UTF-8 BOM is dropped.
pub fn normalize(src: &str) -> Cow<'_, str> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if !src.contains('\r') {
        return Cow::Borrowed(src);
    }
    let mut out = String::with_capacity(src.len());
    let mut it = src.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\r' {
            if it.peek() == Some(&'\n') {
                it.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Tokenize a (normalized) source text.
pub fn tokenize(src: &str, mode: LexMode) -> Lexed {
    tokenize_at(src, mode, 1, 0)
}

/// Tokenize a text that starts at the given position of a larger source (f-string parts).
pub fn tokenize_at(src: &str, mode: LexMode, line: u32, col: u32) -> Lexed {
    let mut lx = Lexer {
        src,
        b: src.as_bytes(),
        pos: 0,
        line,
        col,
        parens: Vec::new(),
        indents: Vec::new(),
        toks: Vec::with_capacity(src.len() / 4 + 4),
        mode,
        at_line_start: mode == LexMode::File,
        line_has_tokens: false,
        open_block_at_eof: false,
        pending_continuation: None,
    };
    let error = match lx.run() {
        Ok(()) => None,
        Err(e) => {
            let (line, col) = (e.err.line, e.err.col);
            lx.toks.push(Token {
                tok: Tok::Error,
                line,
                col,
                end_line: line,
                end_col: col,
            });
            Some(e)
        }
    };
    Lexed {
        tokens: lx.toks,
        error,
        open_block_at_eof: lx.open_block_at_eof,
    }
}

struct Lexer<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    line: u32,
    col: u32,
    /// open brackets: (byte, line, col)
    parens: Vec<(u8, u32, u32)>,
    /// indentation stack (without the implicit 0): (col with tabs to 8, col with tabs as 1)
    indents: Vec<(u32, u32)>,
    toks: Vec<Token>,
    mode: LexMode,
    at_line_start: bool,
    line_has_tokens: bool,
    open_block_at_eof: bool,
    /// position of a backslash continuation not yet followed by a token
    pending_continuation: Option<(u32, u32)>,
}

type LResult<T> = Result<T, LexError>;

fn lex_err(err: CompileError) -> LexError {
    LexError {
        err,
        unclosed_paren_line: None,
    }
}

pub(crate) fn is_id_start(c: char) -> bool {
    c.is_ascii_alphabetic()
        || c == '_'
        || (!c.is_ascii()
            && (c.is_alphabetic()
                || matches!(
                    c as u32,
                    0x1885 | 0x1886 | 0x2118 | 0x212E | 0x309B | 0x309C
                )))
}

pub(crate) fn is_id_continue(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || (!c.is_ascii()
            && (c.is_alphanumeric()
                || matches!(c as u32,
                    0xB7 | 0x0300..=0x036F | 0x0483..=0x0487 | 0x0591..=0x05BD | 0x0610..=0x061A
                    | 0x064B..=0x065F | 0x0E31..=0x0E3A | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
                    | 0x200C | 0x200D | 0x203F | 0x2040 | 0x20D0..=0x20FF | 0xFE00..=0xFE0F
                    | 0xFE20..=0xFE2F | 0xFE33 | 0xFE34 | 0xFE4D..=0xFE4F | 0xFF3F)))
}

pub(crate) fn keyword(s: &str) -> Option<Tok> {
    Some(match s {
        "False" => Tok::False,
        "None" => Tok::None,
        "True" => Tok::True,
        "and" => Tok::And,
        "as" => Tok::As,
        "assert" => Tok::Assert,
        "async" => Tok::Async,
        "await" => Tok::Await,
        "break" => Tok::Break,
        "class" => Tok::Class,
        "continue" => Tok::Continue,
        "def" => Tok::Def,
        "del" => Tok::Del,
        "elif" => Tok::Elif,
        "else" => Tok::Else,
        "except" => Tok::Except,
        "finally" => Tok::Finally,
        "for" => Tok::For,
        "from" => Tok::From,
        "global" => Tok::Global,
        "if" => Tok::If,
        "import" => Tok::Import,
        "in" => Tok::In,
        "is" => Tok::Is,
        "lambda" => Tok::Lambda,
        "nonlocal" => Tok::Nonlocal,
        "not" => Tok::Not,
        "or" => Tok::Or,
        "pass" => Tok::Pass,
        "raise" => Tok::Raise,
        "return" => Tok::Return,
        "try" => Tok::Try,
        "while" => Tok::While,
        "with" => Tok::With,
        "yield" => Tok::Yield,
        _ => return None,
    })
}

fn closing_of(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

fn invalid_char_msg(c: char) -> String {
    let cp = c as u32;
    let nonprintable = c.is_control()
        || matches!(cp, 0xA0 | 0xAD | 0x2000..=0x200F | 0x2028..=0x202F | 0x205F..=0x206F | 0x3000 | 0xFEFF);
    if nonprintable {
        format!("invalid non-printable character U+{:04X}", cp)
    } else {
        format!("invalid character '{}' (U+{:04X})", c, cp)
    }
}

impl<'a> Lexer<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }
    #[inline]
    fn peek_at(&self, n: usize) -> Option<u8> {
        self.b.get(self.pos.saturating_add(n)).copied()
    }
    fn peek_char(&self) -> Option<char> {
        self.src.get(self.pos..).and_then(|s| s.chars().next())
    }
    /// consume one byte (ASCII, not a newline)
    #[inline]
    fn bump(&mut self) {
        self.pos += 1;
        self.col = self.col.saturating_add(1);
    }
    /// consume one character of any kind, tracking lines
    fn bump_char(&mut self) {
        if let Some(c) = self.peek_char() {
            self.pos += c.len_utf8();
            if c == '\n' {
                self.line = self.line.saturating_add(1);
                self.col = 0;
            } else {
                self.col = self.col.saturating_add(1);
            }
        }
    }

    fn push(&mut self, tok: Tok, line: u32, col: u32) {
        self.toks.push(Token {
            tok,
            line,
            col,
            end_line: self.line,
            end_col: self.col,
        });
        self.line_has_tokens = true;
        self.pending_continuation = None;
    }

    fn err(&self, msg: impl Into<String>, line: u32, col: u32) -> LexError {
        lex_err(CompileError::syntax(msg, line, col))
    }

    fn run(&mut self) -> LResult<()> {
        loop {
            if self.at_line_start {
                self.at_line_start = false;
                if self.line_start()? {
                    continue;
                }
            }
            // skip blanks
            while let Some(c) = self.peek() {
                if c == b' ' || c == b'\t' || c == 0x0c {
                    self.bump();
                } else {
                    break;
                }
            }
            let Some(c) = self.peek() else {
                return self.eof();
            };
            let (line, col) = (self.line, self.col);
            match c {
                b'#' => self.skip_comment(),
                b'\n' => {
                    if self.parens.is_empty() && self.mode != LexMode::FStringExpr {
                        if self.line_has_tokens {
                            self.bump();
                            self.toks.push(Token {
                                tok: Tok::Newline,
                                line,
                                col,
                                end_line: line,
                                end_col: col + 1,
                            });
                            self.line_has_tokens = false;
                            self.line = self.line.saturating_add(1);
                            self.col = 0;
                        } else {
                            self.bump_char();
                        }
                        if self.mode == LexMode::File {
                            self.at_line_start = true;
                        }
                    } else {
                        self.bump_char();
                    }
                }
                b'\\' => self.continuation()?,
                b'0'..=b'9' => self.number()?,
                b'.' if matches!(self.peek_at(1), Some(b'0'..=b'9')) => self.number()?,
                b'"' | b'\'' => self.string(self.pos, line, col)?,
                _ if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => self.name_or_string()?,
                _ => self.operator()?,
            }
        }
    }

    fn skip_comment(&mut self) {
        while let Some(c) = self.peek() {
            if c == b'\n' {
                break;
            }
            if c < 0x80 {
                self.bump();
            } else {
                self.bump_char();
            }
        }
    }

    fn continuation(&mut self) -> LResult<()> {
        let (line, col) = (self.line, self.col);
        self.bump();
        match self.peek() {
            Some(b'\n') => {
                self.bump_char();
                // if nothing but blanks follows, the input ended too early (see `eof`)
                self.pending_continuation = Some((line, col));
                Ok(())
            }
            None => Err(lex_err(
                CompileError::syntax("unexpected EOF while parsing", line, col).eof(),
            )),
            Some(_) => Err(self.err(
                "unexpected character after line continuation character",
                line,
                col + 1,
            )),
        }
    }

    /// At the start of a physical line outside brackets: measure the indentation, skip the
    /// line if it is blank or a comment, and emit INDENT/DEDENT. Returns true if the line
    /// was skipped entirely.
    fn line_start(&mut self) -> LResult<bool> {
        let mut width: u32 = 0;
        let mut alt: u32 = 0;
        let mut chars: u32 = 0;
        while let Some(c) = self.peek() {
            match c {
                b' ' => {
                    width = width.saturating_add(1);
                    alt = alt.saturating_add(1);
                }
                b'\t' => {
                    width = (width / 8).saturating_add(1).saturating_mul(8);
                    alt = alt.saturating_add(1);
                }
                0x0c => {
                    width = 0;
                    alt = 0;
                }
                _ => break,
            }
            chars = chars.saturating_add(1);
            self.bump();
        }
        match self.peek() {
            None => return Ok(false),
            Some(b'#') => {
                self.skip_comment();
                return Ok(false);
            }
            Some(b'\n') => return Ok(false),
            Some(b'\\') if self.peek_at(1) == Some(b'\n') => {
                // a line that starts with a continuation: treat its indentation normally
            }
            _ => {}
        }
        let line = self.line;
        let (top, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
        if width == top {
            if alt != top_alt {
                return Err(self.inconsistent(line, chars));
            }
        } else if width > top {
            if alt <= top_alt {
                return Err(self.inconsistent(line, chars));
            }
            if self.indents.len() >= MAX_INDENT_DEPTH {
                return Err(lex_err(CompileError::indentation(
                    "too many levels of indentation",
                    line,
                    chars,
                )));
            }
            self.indents.push((width, alt));
            self.toks.push(Token {
                tok: Tok::Indent,
                line,
                col: 0,
                end_line: line,
                end_col: chars,
            });
        } else {
            while let Some(&(w, _)) = self.indents.last() {
                if width < w {
                    self.indents.pop();
                    self.toks.push(Token {
                        tok: Tok::Dedent,
                        line,
                        col: chars,
                        end_line: line,
                        end_col: chars,
                    });
                } else {
                    break;
                }
            }
            let (top, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
            if width != top {
                return Err(lex_err(CompileError::indentation(
                    "unindent does not match any outer indentation level",
                    line,
                    chars,
                )));
            }
            if alt != top_alt {
                return Err(self.inconsistent(line, chars));
            }
        }
        Ok(false)
    }

    fn inconsistent(&self, line: u32, col: u32) -> LexError {
        lex_err(CompileError::indentation(
            "inconsistent use of tabs and spaces in indentation",
            line,
            col,
        ))
    }

    fn eof(&mut self) -> LResult<()> {
        if let Some((line, col)) = self.pending_continuation {
            return Err(lex_err(
                CompileError::syntax("unexpected EOF while parsing", line, col).eof(),
            ));
        }
        if let Some(&(open, line, col)) = self.parens.last() {
            let msg = format!("'{}' was never closed", open as char);
            return Err(LexError {
                err: CompileError::syntax(msg, line, col).eof(),
                unclosed_paren_line: Some(line),
            });
        }
        let (line, col) = (self.line, self.col);
        if self.line_has_tokens && self.mode != LexMode::FStringExpr {
            self.toks.push(Token {
                tok: Tok::Newline,
                line,
                col,
                end_line: line,
                end_col: col,
            });
            self.line_has_tokens = false;
        }
        if !self.indents.is_empty() {
            // the last physical line: blank means the REPL user closed the block
            let last = match self.src.rfind('\n') {
                Some(i) => &self.src[i + 1..],
                None => self.src,
            };
            let blank = self.src.contains('\n')
                && last.bytes().all(|c| c == b' ' || c == b'\t' || c == 0x0c);
            self.open_block_at_eof = !blank;
        }
        for _ in 0..self.indents.len() {
            self.toks.push(Token {
                tok: Tok::Dedent,
                line,
                col,
                end_line: line,
                end_col: col,
            });
        }
        self.indents.clear();
        self.toks.push(Token {
            tok: Tok::EndMarker,
            line,
            col,
            end_line: line,
            end_col: col,
        });
        Ok(())
    }

    fn name_or_string(&mut self) -> LResult<()> {
        let (line, col) = (self.line, self.col);
        let start = self.pos;
        let Some(first) = self.peek_char() else {
            return Ok(());
        };
        if !is_id_start(first) {
            return Err(self.err(invalid_char_msg(first), line, col));
        }
        self.bump_char();
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' {
                self.bump();
            } else if c >= 0x80 {
                match self.peek_char() {
                    Some(ch) if is_id_continue(ch) => self.bump_char(),
                    Some(ch) if !ch.is_whitespace() => {
                        return Err(self.err(invalid_char_msg(ch), self.line, self.col));
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        let word = &self.src[start..self.pos];
        if matches!(self.peek(), Some(b'"' | b'\'')) && word.len() <= 2 {
            let lower = word.to_ascii_lowercase();
            if matches!(
                lower.as_str(),
                "r" | "u" | "b" | "br" | "rb" | "f" | "fr" | "rf"
            ) {
                return self.string(start, line, col);
            }
        }
        let tok = match keyword(word) {
            Some(k) => k,
            None => Tok::Name(word.to_string()),
        };
        self.push(tok, line, col);
        Ok(())
    }

    /// A string literal; `start` is the byte position of its prefix (or quote).
    fn string(&mut self, start: usize, line: u32, col: u32) -> LResult<()> {
        let prefix = &self.src[start..self.pos];
        let (mut raw, mut bytes, mut fstr) = (false, false, false);
        for c in prefix.bytes() {
            match c.to_ascii_lowercase() {
                b'r' => raw = true,
                b'b' => bytes = true,
                b'f' => fstr = true,
                _ => {}
            }
        }
        let Some(q) = self.peek() else { return Ok(()) };
        let triple = self.peek_at(1) == Some(q) && self.peek_at(2) == Some(q);
        if triple {
            self.bump();
            self.bump();
        }
        self.bump();
        let body_start = self.pos;
        let (body_line, body_col) = (self.line, self.col);
        let body_end;
        loop {
            match self.peek() {
                None => {
                    return Err(if triple {
                        lex_err(
                            CompileError::syntax(
                                format!("unterminated triple-quoted string literal (detected at line {})", self.line),
                                line,
                                col,
                            )
                            .eof(),
                        )
                    } else {
                        self.err(
                            format!(
                                "unterminated string literal (detected at line {})",
                                self.line
                            ),
                            line,
                            col,
                        )
                    });
                }
                Some(b'\\') => {
                    self.bump();
                    if self.peek().is_some() {
                        self.bump_char();
                    }
                }
                Some(b'\n') if !triple => {
                    return Err(self.err(
                        format!(
                            "unterminated string literal (detected at line {})",
                            self.line
                        ),
                        line,
                        col,
                    ));
                }
                Some(c) if c == q => {
                    if !triple {
                        body_end = self.pos;
                        self.bump();
                        break;
                    }
                    if self.peek_at(1) == Some(q) && self.peek_at(2) == Some(q) {
                        body_end = self.pos;
                        self.bump();
                        self.bump();
                        self.bump();
                        break;
                    }
                    self.bump();
                }
                Some(c) if c < 0x80 && c != b'\n' => self.bump(),
                Some(_) => self.bump_char(),
            }
        }
        let body = &self.src[body_start..body_end];
        let tok = if fstr {
            Tok::FStr(Box::new(FStrTok {
                body: body.to_string(),
                raw,
                line: body_line,
                col: body_col,
            }))
        } else if bytes {
            match decode_bytes(body, raw) {
                Ok(v) => Tok::Bytes(v),
                Err(msg) => return Err(self.err(msg, line, col)),
            }
        } else if raw {
            Tok::Str(body.to_string())
        } else {
            match decode_str(body) {
                Ok(s) => Tok::Str(s),
                Err(msg) => return Err(self.err(msg, line, col)),
            }
        };
        self.push(tok, line, col);
        Ok(())
    }

    fn digits(&mut self, radix: u32, out: &mut String, kind: &str) -> LResult<()> {
        // digits with single underscores between them; the first digit must be present
        loop {
            match self.peek() {
                Some(c) if (c as char).is_digit(radix) => {
                    out.push(c as char);
                    self.bump();
                }
                Some(b'_') => {
                    self.bump();
                    match self.peek() {
                        Some(c) if (c as char).is_digit(radix) => {}
                        _ => {
                            return Err(self.err(
                                format!("invalid {} literal", kind),
                                self.line,
                                self.col,
                            ))
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn number(&mut self) -> LResult<()> {
        let (line, col) = (self.line, self.col);
        if self.peek() == Some(b'0') {
            let (radix, kind) = match self.peek_at(1) {
                Some(b'x' | b'X') => (16, "hexadecimal"),
                Some(b'o' | b'O') => (8, "octal"),
                Some(b'b' | b'B') => (2, "binary"),
                _ => (10, ""),
            };
            if radix != 10 {
                self.bump();
                self.bump();
                let mut ds = String::new();
                if self.peek() == Some(b'_') {
                    self.bump();
                }
                self.digits(radix, &mut ds, kind)?;
                if let Some(c) = self.peek() {
                    if c.is_ascii_digit() {
                        return Err(self.err(
                            format!("invalid digit '{}' in {} literal", c as char, kind),
                            self.line,
                            self.col,
                        ));
                    }
                }
                if ds.is_empty() {
                    return Err(self.err(format!("invalid {} literal", kind), self.line, self.col));
                }
                self.end_of_number(kind)?;
                let tok = int_token(&ds, radix).map_err(|m| self.err(m, line, col))?;
                self.push(tok, line, col);
                return Ok(());
            }
        }
        let mut text = String::new();
        let mut is_float = false;
        if self.peek() != Some(b'.') {
            self.digits(10, &mut text, "decimal")?;
        }
        if self.peek() == Some(b'.') {
            is_float = true;
            text.push('.');
            self.bump();
            if matches!(self.peek(), Some(b'0'..=b'9')) {
                self.digits(10, &mut text, "decimal")?;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            let sign = matches!(self.peek_at(1), Some(b'+' | b'-'));
            let d = if sign {
                self.peek_at(2)
            } else {
                self.peek_at(1)
            };
            if matches!(d, Some(b'0'..=b'9')) {
                is_float = true;
                text.push('e');
                self.bump();
                if sign {
                    text.push(self.peek().unwrap_or(b'+') as char);
                    self.bump();
                }
                self.digits(10, &mut text, "decimal")?;
            } else if !self.keyword_follows() {
                return Err(self.err("invalid decimal literal", self.line, self.col));
            }
        }
        let tok = if matches!(self.peek(), Some(b'j' | b'J')) {
            self.bump();
            Tok::Imag(text.parse::<f64>().unwrap_or(0.0))
        } else if is_float {
            Tok::Float(text.parse::<f64>().unwrap_or(0.0))
        } else {
            if text.len() > 1 && text.starts_with('0') && text.bytes().any(|c| c != b'0') {
                return Err(self.err(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    line,
                    col,
                ));
            }
            int_token(&text, 10).map_err(|m| self.err(m, line, col))?
        };
        self.end_of_number("decimal")?;
        self.push(tok, line, col);
        Ok(())
    }

    /// After a number: an identifier character right after it is an error, except for the
    /// keywords CPython tolerates there (`1if x else y`).
    fn end_of_number(&mut self, kind: &str) -> LResult<()> {
        match self.peek_char() {
            Some(c) if is_id_continue(c) => {
                if self.keyword_follows() {
                    Ok(())
                } else {
                    Err(self.err(format!("invalid {} literal", kind), self.line, self.col))
                }
            }
            _ => Ok(()),
        }
    }

    fn keyword_follows(&self) -> bool {
        let rest = &self.b[self.pos..];
        ["and", "else", "for", "if", "in", "is", "not", "or"]
            .iter()
            .any(|k| rest.starts_with(k.as_bytes()))
    }

    fn operator(&mut self) -> LResult<()> {
        let (line, col) = (self.line, self.col);
        let c = self.peek().unwrap_or(0);
        let c1 = self.peek_at(1);
        let c2 = self.peek_at(2);
        let (tok, len) = match (c, c1, c2) {
            (b'*', Some(b'*'), Some(b'=')) => (Tok::DoubleStarEqual, 3),
            (b'/', Some(b'/'), Some(b'=')) => (Tok::DoubleSlashEqual, 3),
            (b'<', Some(b'<'), Some(b'=')) => (Tok::LeftShiftEqual, 3),
            (b'>', Some(b'>'), Some(b'=')) => (Tok::RightShiftEqual, 3),
            (b'.', Some(b'.'), Some(b'.')) => (Tok::Ellipsis, 3),
            (b'*', Some(b'*'), _) => (Tok::DoubleStar, 2),
            (b'/', Some(b'/'), _) => (Tok::DoubleSlash, 2),
            (b'<', Some(b'<'), _) => (Tok::LeftShift, 2),
            (b'>', Some(b'>'), _) => (Tok::RightShift, 2),
            (b'=', Some(b'='), _) => (Tok::EqEqual, 2),
            (b'!', Some(b'='), _) => (Tok::NotEqual, 2),
            (b'<', Some(b'='), _) => (Tok::LessEqual, 2),
            (b'>', Some(b'='), _) => (Tok::GreaterEqual, 2),
            (b'<', Some(b'>'), _) => return Err(self.err("invalid syntax", line, col)),
            (b'+', Some(b'='), _) => (Tok::PlusEqual, 2),
            (b'-', Some(b'='), _) => (Tok::MinEqual, 2),
            (b'*', Some(b'='), _) => (Tok::StarEqual, 2),
            (b'/', Some(b'='), _) => (Tok::SlashEqual, 2),
            (b'%', Some(b'='), _) => (Tok::PercentEqual, 2),
            (b'&', Some(b'='), _) => (Tok::AmperEqual, 2),
            (b'|', Some(b'='), _) => (Tok::VBarEqual, 2),
            (b'^', Some(b'='), _) => (Tok::CircumflexEqual, 2),
            (b'@', Some(b'='), _) => (Tok::AtEqual, 2),
            (b'-', Some(b'>'), _) => (Tok::RArrow, 2),
            (b':', Some(b'='), _) => (Tok::ColonEqual, 2),
            (b'(', ..) => (Tok::LPar, 1),
            (b')', ..) => (Tok::RPar, 1),
            (b'[', ..) => (Tok::LSqb, 1),
            (b']', ..) => (Tok::RSqb, 1),
            (b'{', ..) => (Tok::LBrace, 1),
            (b'}', ..) => (Tok::RBrace, 1),
            (b':', ..) => (Tok::Colon, 1),
            (b',', ..) => (Tok::Comma, 1),
            (b';', ..) => (Tok::Semi, 1),
            (b'+', ..) => (Tok::Plus, 1),
            (b'-', ..) => (Tok::Minus, 1),
            (b'*', ..) => (Tok::Star, 1),
            (b'/', ..) => (Tok::Slash, 1),
            (b'|', ..) => (Tok::VBar, 1),
            (b'&', ..) => (Tok::Amper, 1),
            (b'<', ..) => (Tok::Less, 1),
            (b'>', ..) => (Tok::Greater, 1),
            (b'=', ..) => (Tok::Equal, 1),
            (b'.', ..) => (Tok::Dot, 1),
            (b'%', ..) => (Tok::Percent, 1),
            (b'~', ..) => (Tok::Tilde, 1),
            (b'^', ..) => (Tok::Circumflex, 1),
            (b'@', ..) => (Tok::At, 1),
            _ => {
                let ch = self.peek_char().unwrap_or('\0');
                let msg = if ch.is_ascii() && !ch.is_ascii_control() {
                    String::from("invalid syntax")
                } else {
                    invalid_char_msg(ch)
                };
                return Err(self.err(msg, line, col));
            }
        };
        match c {
            b'(' | b'[' | b'{' => {
                if self.parens.len() >= MAX_PAREN_DEPTH {
                    return Err(self.err("too many nested parentheses", line, col));
                }
                self.parens.push((c, line, col));
            }
            b')' | b']' | b'}' => match self.parens.pop() {
                None => {
                    let msg = if self.mode == LexMode::FStringExpr {
                        format!("f-string: unmatched '{}'", c as char)
                    } else {
                        format!("unmatched '{}'", c as char)
                    };
                    return Err(self.err(msg, line, col));
                }
                Some((open, oline, _)) => {
                    if closing_of(open) != c {
                        let msg = if oline != line {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                                c as char, open as char, oline
                            )
                        } else {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                c as char, open as char
                            )
                        };
                        return Err(self.err(msg, line, col));
                    }
                }
            },
            _ => {}
        }
        for _ in 0..len {
            self.bump();
        }
        self.push(tok, line, col);
        Ok(())
    }
}

fn int_token(digits: &str, radix: u32) -> Result<Tok, String> {
    let mut v: i64 = 0;
    let mut overflow = false;
    for c in digits.chars() {
        let d = c.to_digit(radix).unwrap_or(0) as i64;
        match v.checked_mul(radix as i64).and_then(|x| x.checked_add(d)) {
            Some(x) => v = x,
            None => {
                overflow = true;
                break;
            }
        }
    }
    if !overflow {
        return Ok(Tok::Int(v));
    }
    if radix == 10 {
        if digits.len() > MAX_DECIMAL_DIGITS {
            return Err(format!(
                "Exceeds the limit ({} digits) for integer string conversion: value has {} digits",
                MAX_DECIMAL_DIGITS,
                digits.len()
            ));
        }
        let trimmed = digits.trim_start_matches('0');
        return Ok(Tok::BigInt(String::from(if trimmed.is_empty() {
            "0"
        } else {
            trimmed
        })));
    }
    if digits.len() > MAX_RADIX_DIGITS {
        return Err(String::from("integer literal too large"));
    }
    match num_bigint::BigUint::parse_bytes(digits.as_bytes(), radix) {
        Some(n) => Ok(Tok::BigInt(n.to_string())),
        None => Err(String::from("invalid integer literal")),
    }
}

fn hex_value(s: &str, n: usize) -> Option<(u32, usize)> {
    let mut v: u32 = 0;
    let mut len = 0;
    for c in s.chars().take(n) {
        let d = c.to_digit(16)?;
        v = (v << 4) | d;
        len += 1;
    }
    if len == n {
        Some((v, n))
    } else {
        None
    }
}

/// Process the escapes of a (non-raw) `str` literal body.
pub fn decode_str(body: &str) -> Result<String, String> {
    if !body.contains('\\') {
        return Ok(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    let b = body.as_bytes();
    while i < b.len() {
        let c = b[i];
        if c != b'\\' {
            // copy up to the next backslash
            let next = body[i..].find('\\').map(|k| i + k).unwrap_or(b.len());
            out.push_str(&body[i..next]);
            i = next;
            continue;
        }
        let esc_pos = i;
        i += 1;
        let Some(&e) = b.get(i) else {
            out.push('\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push('\\'),
            b'\'' => out.push('\''),
            b'"' => out.push('"'),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'v' => out.push('\x0b'),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut k = 0;
                while k < 2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                            k += 1;
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' => {
                let (n, what) = match e {
                    b'x' => (2, "\\xXX"),
                    b'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let Some((v, len)) = hex_value(&body[i..], n) else {
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: truncated {} escape",
                        esc_pos,
                        (i + n).min(b.len()).saturating_sub(1),
                        what
                    ));
                };
                i += len;
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None if (0xD800..0xE000).contains(&v) => {
                        return Err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: surrogate characters are not supported",
                            esc_pos,
                            i - 1
                        ));
                    }
                    None => {
                        return Err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character",
                            esc_pos,
                            i - 1
                        ));
                    }
                }
            }
            b'N' => {
                return Err(format!(
                    "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: \\N{{...}} escapes are not supported",
                    esc_pos,
                    i - 1
                ));
            }
            _ => {
                // unknown escape: kept as is (the backslash and the character)
                out.push('\\');
                i -= 1;
                if let Some(ch) = body[i..].chars().next() {
                    out.push(ch);
                    i += ch.len_utf8();
                }
            }
        }
    }
    Ok(out)
}

/// Process a bytes literal body (ASCII only; escapes unless raw).
pub fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, String> {
    if !body.is_ascii() {
        return Err(String::from(
            "bytes can only contain ASCII literal characters",
        ));
    }
    let b = body.as_bytes();
    if raw {
        return Ok(b.to_vec());
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = b.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut k = 0;
                while k < 2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                            k += 1;
                        }
                        _ => break,
                    }
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => match hex_value(&body[i..], 2) {
                Some((v, _)) => {
                    out.push(v as u8);
                    i += 2;
                }
                None => {
                    return Err(format!(
                        "(value error) invalid \\x escape at position {}",
                        i - 2
                    ))
                }
            },
            _ => {
                out.push(b'\\');
                out.push(e);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
