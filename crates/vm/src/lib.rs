//! Weft's interpreter core: MicroPython's language, `no_std` + `alloc`.
//!
//! Pipeline: source → [`lexer`] → [`parser`] (→ [`ast`]) → [`compiler`] (→ [`bytecode`]) →
//! the stackless VM. Everything platform-specific comes in through [`port::Port`].

#![no_std]
#![allow(clippy::too_many_arguments)]

extern crate alloc;

pub mod ast;
pub mod budget_port;
pub mod builtins;
pub mod bytecode;
pub mod compiler;
pub mod constructors;
pub mod dict;
pub mod error;
pub mod explore;
pub mod format;
pub mod green;
pub mod import;
pub mod interp;
pub mod lexer;
pub mod memfs;
pub mod methods;
pub mod modules;
pub mod numeric;
pub mod ops;
pub mod parser;
pub mod port;
pub mod repl_lines;
pub mod str_methods;
pub mod trace;
pub mod types;
pub mod value;
pub mod vm;

pub use error::{CompileError, Mode};
pub use interp::{Config, Interp, ReplOutcome};

/// Parse and compile a source text.
pub fn compile_source(
    source: &str,
    filename: &str,
    mode: Mode,
) -> Result<bytecode::Code, CompileError> {
    let module = parser::parse(source, mode)?;
    compiler::compile(&module, filename, mode)
}

/// For the REPL: is `source` a complete input, or should the REPL ask for another line?
/// Complete means it compiles, or fails for a reason other than reaching the end too early.
pub fn input_is_complete(source: &str) -> bool {
    match parser::parse(source, Mode::Single) {
        Ok(_) => true,
        Err(e) => !e.incomplete,
    }
}
