//! The compiler: AST → bytecode.
//!
//! Two passes: [`symtable`] classifies every name of every scope (local, global, free,
//! cell), then [`codegen`] emits a [`Code`] per scope. [`dis`] renders a code object (and
//! the code objects nested in its constants) as text for debugging and tests.

mod codegen;
mod dis;
mod stack;
pub mod symtable;
#[cfg(test)]
mod tests;

use crate::ast::Module;
use crate::bytecode::Code;
use crate::error::{CompileError, Mode};

pub use dis::dis;

/// Compile a parsed module. See the module docs of [`crate::bytecode`] for the contract.
pub fn compile(module: &Module, filename: &str, mode: Mode) -> Result<Code, CompileError> {
    let st = symtable::build(module)?;
    codegen::compile(module, &st, filename, mode)
}
