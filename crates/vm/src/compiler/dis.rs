//! A readable disassembly of a code object and, recursively, of the code objects among
//! its constants.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use crate::bytecode::{flags, fmt, make_fn, Code, Const, Instr};

pub fn dis(code: &Code) -> String {
    let mut out = String::new();
    dis_into(code, &mut out);
    out
}

fn dis_into(code: &Code, out: &mut String) {
    let _ = writeln!(
        out,
        "Disassembly of <code {} ({}) \"{}\", line {}>:",
        code.name, code.qualname, code.filename, code.first_line
    );
    let _ = writeln!(
        out,
        "  flags: {}  argcount={} posonly={} kwonly={} max_stack={}",
        flag_names(code.flags),
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.max_stack
    );
    if !code.varnames.is_empty() {
        let _ = writeln!(out, "  varnames: {}", code.varnames.join(", "));
    }
    if !code.cellvars.is_empty() {
        let _ = writeln!(out, "  cellvars: {}", code.cellvars.join(", "));
    }
    if !code.freevars.is_empty() {
        let _ = writeln!(out, "  freevars: {}", code.freevars.join(", "));
    }
    if !code.cell2arg.is_empty() {
        let _ = writeln!(out, "  cell2arg: {:?}", code.cell2arg);
    }
    let mut targets = Vec::new();
    for ins in &code.instrs {
        if let Some(t) = jump_target(*ins) {
            targets.push(t);
        }
    }
    let mut last_line = u32::MAX;
    for (i, ins) in code.instrs.iter().enumerate() {
        let line = code.lines.get(i).copied().unwrap_or(0);
        let line_col = if line != last_line {
            format!("{:>4}", line)
        } else {
            String::from("    ")
        };
        last_line = line;
        let mark = if targets.contains(&(i as u32)) {
            ">>"
        } else {
            "  "
        };
        let dbg = format!("{:?}", ins);
        let (name, arg) = match dbg.find('(') {
            Some(p) => (&dbg[..p], dbg[p + 1..dbg.len() - 1].trim()),
            None => (dbg.as_str(), ""),
        };
        let note = annotate(code, *ins);
        let mut row = format!("{} {} {:>4} {:<18} {}", line_col, mark, i, name, arg);
        if !note.is_empty() {
            let _ = write!(row, " ({})", note);
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    for c in &code.consts {
        if let Const::Code(inner) = c {
            out.push('\n');
            dis_into(inner, out);
        }
    }
}

fn flag_names(f: u32) -> String {
    let all = [
        (flags::OPTIMIZED, "OPTIMIZED"),
        (flags::NEWLOCALS, "NEWLOCALS"),
        (flags::VARARGS, "VARARGS"),
        (flags::VARKEYWORDS, "VARKEYWORDS"),
        (flags::GENERATOR, "GENERATOR"),
        (flags::COROUTINE, "COROUTINE"),
        (flags::CLASS_BODY, "CLASS_BODY"),
    ];
    let v: Vec<&str> = all
        .iter()
        .filter(|(b, _)| f & b != 0)
        .map(|(_, n)| *n)
        .collect();
    if v.is_empty() {
        String::from("0")
    } else {
        v.join("|")
    }
}

fn jump_target(ins: Instr) -> Option<u32> {
    match ins {
        Instr::Jump(t)
        | Instr::PopJumpIfFalse(t)
        | Instr::PopJumpIfTrue(t)
        | Instr::JumpIfFalseOrPop(t)
        | Instr::JumpIfTrueOrPop(t)
        | Instr::ForIter(t)
        | Instr::SetupTry(t) => Some(t),
        _ => None,
    }
}

fn cell_name(code: &Code, i: u32) -> String {
    let i = i as usize;
    let n = code.cellvars.len();
    if i < n {
        code.cellvars[i].clone()
    } else {
        code.freevars
            .get(i - n)
            .cloned()
            .unwrap_or_else(|| String::from("?"))
    }
}

fn get(v: &[String], i: u32) -> String {
    match v.get(i as usize) {
        Some(s) if s.is_empty() => String::from("''"),
        Some(s) => s.clone(),
        None => String::from("?"),
    }
}

fn annotate(code: &Code, ins: Instr) -> String {
    use Instr::*;
    match ins {
        LoadConst(i) | SetupClassBody(i) => code
            .consts
            .get(i as usize)
            .map(const_repr)
            .unwrap_or_else(|| String::from("?")),
        LoadFast(i) | StoreFast(i) | DeleteFast(i) => get(&code.varnames, i),
        LoadDeref(i) | StoreDeref(i) | DeleteDeref(i) | LoadClosure(i) | LoadClassDeref(i) => {
            cell_name(code, i)
        }
        LoadGlobal(i) | StoreGlobal(i) | DeleteGlobal(i) | LoadName(i) | StoreName(i)
        | DeleteName(i) | LoadAttr(i) | StoreAttr(i) | DeleteAttr(i) | LoadMethod(i)
        | ImportName(i) | ImportFrom(i) => get(&code.names, i),
        Jump(t) | PopJumpIfFalse(t) | PopJumpIfTrue(t) | JumpIfFalseOrPop(t)
        | JumpIfTrueOrPop(t) | ForIter(t) | SetupTry(t) => format!("to {}", t),
        UnpackEx(k) => format!("before={} after={}", k & 0xff, k >> 8),
        MakeFunction(f) => {
            let mut v = Vec::new();
            for (b, n) in [
                (make_fn::DEFAULTS, "defaults"),
                (make_fn::KWDEFAULTS, "kwdefaults"),
                (make_fn::CLOSURE, "closure"),
            ] {
                if f & b != 0 {
                    v.push(n);
                }
            }
            v.join(", ")
        }
        FormatValue(f) => {
            let conv = match f & 3 {
                fmt::CONV_STR => "!s",
                fmt::CONV_REPR => "!r",
                fmt::CONV_ASCII => "!a",
                _ => "",
            };
            let spec = if f & fmt::HAS_SPEC != 0 {
                " with spec"
            } else {
                ""
            };
            format!("{}{}", conv, spec)
        }
        _ => String::new(),
    }
}

/// A Python-like repr of a constant.
pub fn const_repr(c: &Const) -> String {
    match c {
        Const::None => String::from("None"),
        Const::True => String::from("True"),
        Const::False => String::from("False"),
        Const::Ellipsis => String::from("Ellipsis"),
        Const::Int(i) => format!("{}", i),
        Const::BigInt(s) => s.clone(),
        Const::Float(f) => format!("{:?}", f),
        Const::Complex(r, i) => format!("({:?}{:+?}j)", r, i),
        Const::Str(s) => str_repr(s),
        Const::Bytes(b) => {
            let mut s = String::from("b'");
            for &x in b {
                match x {
                    b'\'' => s.push_str("\\'"),
                    b'\\' => s.push_str("\\\\"),
                    b'\n' => s.push_str("\\n"),
                    0x20..=0x7e => s.push(x as char),
                    _ => {
                        let _ = write!(s, "\\x{:02x}", x);
                    }
                }
            }
            s.push('\'');
            s
        }
        Const::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Const::Code(code) => format!("<code {}, line {}>", code.qualname, code.first_line),
    }
}

fn str_repr(s: &str) -> String {
    let mut out = String::from("'");
    for ch in s.chars() {
        match ch {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}
