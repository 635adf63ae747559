//! The built-in modules written in Python, frozen: compiled at build time by
//! `cargo xtask freeze` into Rust source (`rom.rs` beside this file: every module's code
//! objects as static [`RomCode`] data) and loaded without the lexer, parser and compiler.
//! Their instruction and line tables stay in the program's static data (flash on a board)
//! and the VM runs them from there; loading makes only the constants, names and code
//! objects in the heap. Compiling `threading.py` at import needs ~220 KB of heap at its
//! peak, more than a board has free; loading it from `rom.rs` needs no compiler at all.
//!
//! The Python source stays the truth: [`sources`] lists it, and the unit test
//! `rom_is_current` fails (saying to run `cargo xtask freeze`) when `rom.rs` differs from
//! what the current compiler makes of the current source, or when the code built into the
//! crate is not what the compiler makes (a mis-written table). Only that test and the
//! freeze command use the sources, so a firmware links the static code alone.

use alloc::rc::Rc;
use alloc::string::String;

use crate::bytecode::{RomCode, RomConst};
use crate::vm::{CodeObject, PyResult, Vm};

#[rustfmt::skip]
mod rom;

/// Each frozen module's name, the filename its code reports (tracebacks) and its source.
/// A source may be cut into lazy parts (`modules::LAZY`): a line `#@lazy NAME` starts part
/// NAME, which runs until the next such line; the module is what comes before the first.
/// Each part is compiled with blank lines in front, so that its line numbers (and the
/// filename) are those of the whole file.
pub fn sources() -> alloc::vec::Vec<(String, &'static str, String)> {
    let whole: [(&str, &str, &str); 8] = [
        ("threading", "<threading>", super::threading::SRC),
        ("queue", "<queue>", super::queue::SRC),
        ("collections", "<collections>", super::collections::PY_SRC),
        ("heapq", "<heapq>", super::heapq::PY_SRC),
        ("json", "<json>", super::json::ERR_SRC),
        ("re", "<re>", super::re::PY_SRC),
        ("struct", "<struct>", super::struct_::STRUCT_SRC),
        ("machine", "<machine>", super::machine::SRC),
    ];
    let mut out = alloc::vec::Vec::new();
    for (name, filename, src) in whole {
        let mut part = String::from(name);
        let mut text = String::new();
        for (i, line) in src.split_inclusive('\n').enumerate() {
            if let Some(next) = line.trim_end().strip_prefix("#@lazy ") {
                out.push((
                    core::mem::take(&mut part),
                    filename,
                    core::mem::take(&mut text),
                ));
                part = String::from(next.trim());
                text = "\n".repeat(i + 1);
            } else {
                text.push_str(line);
            }
        }
        out.push((part, filename, text));
    }
    out
}

/// The static code of frozen module `name`.
pub fn code(name: &str) -> Option<&'static RomCode> {
    rom::MODULES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
}

/// About how many heap bytes loading `code` makes (its code objects, constants and name
/// tables; the names themselves are mostly interned already), asked for up front so a heap
/// too small for a module is a MemoryError rather than an allocation failure midway.
fn heap_estimate(code: &RomCode) -> usize {
    let value = core::mem::size_of::<crate::value::Value>();
    let obj = 8 * core::mem::size_of::<usize>() + core::mem::size_of::<crate::value::Obj>();
    let mut n = core::mem::size_of::<CodeObject>() + 3 * obj;
    n += value
        * (code.consts.len()
            + code.names.len()
            + code.varnames.len()
            + code.cellvars.len()
            + code.freevars.len());
    for c in code.consts {
        n += match c {
            RomConst::Code(c) => heap_estimate(c),
            RomConst::Str(s) => obj + s.len(),
            RomConst::Tuple(t) => obj + value * t.len(),
            _ => 0,
        };
    }
    n
}

/// Load frozen module `name` into a runtime code object ready to run.
pub fn load(vm: &mut Vm, name: &str) -> PyResult<Rc<CodeObject>> {
    let Some(code) = code(name) else {
        let msg = alloc::format!(
            "frozen module {} is not built in (run `cargo xtask freeze`)",
            name
        );
        return Err(vm.system_error(&msg));
    };
    vm.check_memory_now()?;
    vm.check_heap_total(heap_estimate(code))?;
    Ok(CodeObject::load_rom(vm, code))
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use crate::bytecode::{Code, Const, Instr};
    use alloc::format;
    use alloc::vec::Vec;
    use core::fmt::Write;

    /// Rust source for static data equal to `code`, in `out`; nested code objects become
    /// their own statics, named `{prefix}_{index}`.
    struct Gen {
        out: String,
    }

    impl Gen {
        fn strs(v: &[String]) -> String {
            let items: Vec<String> = v.iter().map(|s| format!("{:?}", s)).collect();
            format!("&[{}]", items.join(", "))
        }
        fn instr(i: &Instr) -> String {
            let d = format!("{:?}", i);
            let prefix = match i {
                Instr::UnaryOp(_) => "U::",
                Instr::BinaryOp(_) | Instr::InplaceOp(_) => "B::",
                Instr::CompareOp(_) => "C::",
                _ => return d,
            };
            d.replacen('(', &format!("({}", prefix), 1)
        }
        fn konst(&mut self, c: &Const, label: &str, next: &mut usize) -> String {
            match c {
                Const::None => "K::None".into(),
                Const::True => "K::True".into(),
                Const::False => "K::False".into(),
                Const::Ellipsis => "K::Ellipsis".into(),
                Const::Int(i) => format!("K::Int({})", i),
                Const::BigInt(s) => format!("K::BigInt({:?})", s),
                Const::Float(f) => format!("K::Float({:#x})", f.to_bits()),
                Const::Complex(r, i) => {
                    format!("K::Complex({:#x}, {:#x})", r.to_bits(), i.to_bits())
                }
                Const::Str(s) => format!("K::Str({:?})", s),
                Const::Bytes(b) => format!("K::Bytes(&{:?})", b),
                Const::Tuple(t) => {
                    let items: Vec<String> = t.iter().map(|c| self.konst(c, label, next)).collect();
                    format!("K::Tuple(&[{}])", items.join(", "))
                }
                Const::Code(c) => {
                    let name = format!("{}_{}", label, *next);
                    *next += 1;
                    self.code(c, &name);
                    format!("K::Code(&{})", name)
                }
            }
        }
        /// Write `static {name}: RomCode` for `c` (and its nested code first).
        fn code(&mut self, c: &Code, name: &str) {
            let mut next = 0;
            let consts: Vec<String> = c
                .consts
                .iter()
                .map(|k| self.konst(k, name, &mut next))
                .collect();
            let instrs: Vec<String> = c.instrs.iter().map(Gen::instr).collect();
            let lines: Vec<String> = crate::bytecode::line_runs(&c.lines)
                .iter()
                .map(|(ip, l)| format!("({}, {})", ip, l))
                .collect();
            let o = &mut self.out;
            let _ = writeln!(o, "static {}: RomCode = RomCode {{", name);
            let _ = writeln!(
                o,
                "    name: {:?}, qualname: {:?}, filename: {:?},",
                c.name, c.qualname, c.filename
            );
            let _ = writeln!(
                o,
                "    first_line: {}, flags: {}, argcount: {}, posonlyargcount: {}, \
                 kwonlyargcount: {}, max_stack: {},",
                c.first_line, c.flags, c.argcount, c.posonlyargcount, c.kwonlyargcount, c.max_stack
            );
            let _ = writeln!(o, "    instrs: &[");
            for chunk in instrs.chunks(6) {
                let _ = writeln!(o, "        {},", chunk.join(", "));
            }
            let _ = writeln!(o, "    ],");
            let _ = writeln!(o, "    lines: &[");
            for chunk in lines.chunks(8) {
                let _ = writeln!(o, "        {},", chunk.join(", "));
            }
            let _ = writeln!(o, "    ],");
            let _ = writeln!(o, "    consts: &[");
            for k in &consts {
                let _ = writeln!(o, "        {},", k);
            }
            let _ = writeln!(o, "    ],");
            let _ = writeln!(o, "    names: {},", Gen::strs(&c.names));
            let _ = writeln!(o, "    varnames: {},", Gen::strs(&c.varnames));
            let _ = writeln!(o, "    cellvars: {},", Gen::strs(&c.cellvars));
            let _ = writeln!(o, "    freevars: {},", Gen::strs(&c.freevars));
            let _ = writeln!(o, "    cell2arg: &{:?},", c.cell2arg);
            let _ = writeln!(o, "}};\n");
        }
    }

    /// `rom.rs` as the current compiler makes it from the current sources.
    fn generate() -> (String, Vec<(String, Code)>) {
        let mut g = Gen { out: String::new() };
        let _ = writeln!(
            g.out,
            "//! The frozen modules' code (see `mod.rs`), generated by `cargo xtask freeze` \
             from their\n//! Python source: do not edit.\n\n\
             use crate::ast::{{BinOp as B, CmpOp as C, UnaryOp as U}};\n\
             use crate::bytecode::Instr::*;\n\
             use crate::bytecode::{{RomCode, RomConst as K}};\n"
        );
        let mut codes = Vec::new();
        let mut index = String::from("pub static MODULES: &[(&str, &RomCode)] = &[\n");
        for (name, filename, src) in sources() {
            let code = crate::compile_source(&src, filename, crate::Mode::Exec)
                .unwrap_or_else(|e| panic!("{}: {:?}", name, e));
            let label = name.to_uppercase();
            g.code(&code, &label);
            let _ = writeln!(index, "    ({:?}, &{}),", name, label);
            codes.push((name, code));
        }
        index.push_str("];\n");
        let mut out = g.out;
        // the index first, after the header
        let at = out.find("\nstatic ").map(|i| i + 1).unwrap_or(out.len());
        out.insert_str(at, &format!("{}\n", index));
        (out, codes)
    }

    /// `rom.rs` is what freezing the current sources gives, and the code built into the
    /// crate equals the compiler's output. With `WEFT_FREEZE_WRITE=1` (what `cargo xtask
    /// freeze` sets) it rewrites a stale `rom.rs`.
    #[test]
    fn rom_is_current() {
        let write = std::env::var("WEFT_FREEZE_WRITE").is_ok_and(|v| v == "1");
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/modules/frozen/rom.rs");
        let (fresh, codes) = generate();
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        if on_disk != fresh {
            assert!(
                write,
                "crates/vm/src/modules/frozen/rom.rs is out of date with the modules' \
                 source or the compiler: run `cargo xtask freeze` and commit it"
            );
            std::fs::write(&path, &fresh).unwrap();
            std::println!("froze {} ({} bytes of source)", path.display(), fresh.len());
            return;
        }
        for (name, compiled) in &codes {
            let built = code(name).unwrap_or_else(|| panic!("{} is not in rom.rs", name));
            assert!(
                built.same_as(compiled),
                "{}: rom.rs differs from the compiler",
                name
            );
        }
    }

    /// The line of every instruction of every frozen code object, looked up in its static
    /// runs, is the compiler's line for it (what tracebacks through frozen code show).
    #[test]
    fn line_runs_give_each_instructions_line() {
        fn check(c: &Code) {
            let runs = crate::bytecode::line_runs(&c.lines);
            assert!(runs.len() <= c.lines.len());
            for (ip, l) in c.lines.iter().enumerate() {
                assert_eq!(
                    crate::vm::run_line(&runs, ip),
                    Some(*l),
                    "{} ip {}",
                    c.name,
                    ip
                );
            }
            for k in &c.consts {
                if let Const::Code(n) = k {
                    check(n);
                }
            }
        }
        for (_, code) in generate().1 {
            check(&code);
        }
    }
}
