//! The parser: tokens → AST. (being written)
use crate::ast::Module;
use crate::error::{CompileError, Mode};

pub fn parse(_source: &str, _mode: Mode) -> Result<Module, CompileError> {
    Err(CompileError::syntax("parser not written yet", 1, 0))
}
