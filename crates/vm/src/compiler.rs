//! The compiler: AST → bytecode. (being written)
use crate::ast::Module;
use crate::bytecode::Code;
use crate::error::{CompileError, Mode};

pub fn compile(_module: &Module, _filename: &str, _mode: Mode) -> Result<Code, CompileError> {
    Err(CompileError::syntax("compiler not written yet", 1, 0))
}
