//! Errors found before a program runs: syntax errors from the lexer, parser and compiler.

use alloc::string::String;

/// A `SyntaxError` (or `IndentationError`) with the position it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// the Python exception class name: `SyntaxError` or `IndentationError`
    pub kind: &'static str,
    pub msg: String,
    /// 1-based line
    pub line: u32,
    /// 0-based column in characters (the caret goes under it)
    pub col: u32,
    /// true when the error is "the input ended too early" (unclosed bracket, missing
    /// indented block, unterminated triple-quoted string): the REPL then asks for more lines
    pub incomplete: bool,
}

impl CompileError {
    pub fn syntax(msg: impl Into<String>, line: u32, col: u32) -> Self {
        CompileError {
            kind: "SyntaxError",
            msg: msg.into(),
            line,
            col,
            incomplete: false,
        }
    }
    pub fn indentation(msg: impl Into<String>, line: u32, col: u32) -> Self {
        CompileError {
            kind: "IndentationError",
            msg: msg.into(),
            line,
            col,
            incomplete: false,
        }
    }
    pub fn eof(mut self) -> Self {
        self.incomplete = true;
        self
    }
}

/// What a source text is compiled as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// a file or `exec()`: statements
    Exec,
    /// one REPL input: statements, and the value of each top-level expression statement is
    /// printed (`PrintExpr`)
    Single,
    /// `eval()`: one expression, whose value the code returns
    Eval,
}
