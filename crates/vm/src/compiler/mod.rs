//! The compiler: AST → bytecode.
//!
//! Two passes: [`symtable`] classifies every name of every scope (local, global, free,
//! cell), then `codegen` emits a [`Code`] per scope. [`dis()`] renders a code object (and
//! the code objects nested in its constants) as text for debugging and tests.
//!
//! ## How the bytecode contract is used (for the VM)
//! * **except**: the handler starts with `[exc]`. Each typed clause is `<type>;
//!   CheckExcMatch; PopJumpIfFalse next`. A matching clause pops `exc` first (`Pop`, or a
//!   store to its name), so clause bodies run at the try's depth; it ends with `PopExcept`.
//!   `except E as e` wraps the body: `<store e>; SetupTry cleanup; body; PopBlock;
//!   PopExcept; e = None; del e; Jump end` and `cleanup: e = None; del e; Reraise`. With no
//!   matching clause the handler ends in `Reraise` with `[exc]` on the stack.
//! * **finally**: `SetupTry fin; body; PopBlock; <finally>; Jump end; fin: [exc] <finally>;
//!   Reraise`. `return`/`break`/`continue` leaving the body run an inlined copy after
//!   `PopBlock`; leaving the exception-path copy pops `exc` and does `PopExcept` (the
//!   exception is swallowed).
//! * **with**: `<ctx>; BeforeWith; <store target | Pop>; SetupTry h; body; PopBlock;
//!   WithExitNormal; Jump end; h: WithExitExc; end:`. The target is stored *before*
//!   `SetupTry` (the value must be off the stack when the depth is recorded), so an error
//!   while assigning the target does not call `__exit__`.
//! * **loops**: a `for` iterator stays on the stack during the body; `break` pops it.
//! * **early exits**: `return` evaluates its value first and unwinds with it on top
//!   (`Rot2` before each `Pop`/`WithExitNormal` that must get under it).
//! * **container ops**: `ListAppend`/`SetAdd`/`ListExtend`/`SetUpdate`/`DictUpdate`/
//!   `DictMerge` use n = 1 in displays and calls (collection right below the item);
//!   `MapAdd(n)` counts from the key the same way (`[dict, key, value]` is `MapAdd(1)`).
//!   In a comprehension with k `for` clauses the collection is under k iterators:
//!   `ListAppend(k + 1)`, `SetAdd(k + 1)`, `MapAdd(k + 1)`.
//! * **calls**: `CallEx` always gets a real tuple (`BuildList`/`ListExtend`/`ListToTuple`)
//!   and, when present, a fresh dict (`BuildMap` + `DictMerge`).
//! * **async**: `await` is `GetAwaitable; LoadConst None; YieldFrom`; `async with` looks up
//!   `__aexit__` with `LoadAttr` and calls `__aenter__` with `LoadMethod`/`CallMethod`; the
//!   handler awaits `aexit(exc.__class__, exc, None)` and suppresses if the result is true.
//!   `async for` calls `__aiter__`/`__anext__` the same way and ends the loop on
//!   `StopAsyncIteration` (loaded with `LoadGlobal`).
//! * **names**: no private-name mangling and no annotation evaluation (MicroPython).

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
