//! Frozen bytecode: a compact, versioned serialization of the compiler's output
//! ([`bytecode::Code`]), so modules written in Python can be compiled at build time and
//! loaded without the lexer, parser and compiler (which need far more heap than a board
//! has for `threading.py`).
//!
//! ## Format (version [`VERSION`])
//! `"WFZ"`, version byte, FNV-1a 32 of the payload (4 bytes LE), payload. The payload is one
//! code object:
//! name, qualname, filename, first_line, flags, argcount, posonlyargcount, kwonlyargcount,
//! max_stack, instrs (count, then per instruction a tag byte and, for those that take one,
//! an operand), lines (count, then each as a zigzag delta from the previous line), consts
//! (count, then tag byte + payload each, nested code objects recursively), names, varnames,
//! cellvars, freevars (each a count then strings), cell2arg (count, then pairs).
//! Integers are LEB128 varints (signed ones zigzag), strings a varint length then UTF-8,
//! floats their 8 IEEE bytes little-endian. A nested code object whose filename equals its
//! parent's stores an empty marker instead of repeating it.
//!
//! [`thaw`] checks everything it reads (bounds, UTF-8, tags, nesting depth, operand
//! indices against the code's tables, jump targets) so a corrupt blob is an `Err`, never a
//! panic or an out-of-range index later in the VM.

use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::bytecode::{Code, Const, Instr};

/// Bumped whenever the format or the meaning of the bytecode changes.
pub const VERSION: u8 = 1;
const MAGIC: &[u8; 3] = b"WFZ";
const HEADER: usize = 8;
/// Nested code objects deeper than this are refused (a corrupt blob must not overflow the
/// Rust stack).
const MAX_DEPTH: u32 = 64;

/// Why a blob could not be thawed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThawError {
    /// not a frozen blob (bad magic) or too short for a header
    NotFrozen,
    /// frozen by a different format version
    Version(u8),
    /// the checksum does not match the payload
    Checksum,
    /// the payload is malformed: what was wrong, at which byte offset
    Corrupt(&'static str, usize),
}

impl core::fmt::Display for ThawError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ThawError::NotFrozen => write!(f, "not a frozen code blob"),
            ThawError::Version(v) => {
                write!(
                    f,
                    "frozen with format version {} (this build reads {})",
                    v, VERSION
                )
            }
            ThawError::Checksum => write!(f, "checksum mismatch (corrupt blob)"),
            ThawError::Corrupt(what, at) => write!(f, "corrupt blob: {} at byte {}", what, at),
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

// ---------------------------------------------------------------------------------------
// instruction tags: one table drives both directions

macro_rules! instr_codec {
    (
        unit { $($u:ident = $ut:literal,)* }
        arg { $($a:ident = $at:literal,)* }
        op { $($o:ident($ot:ty) = $otag:literal,)* }
    ) => {
        fn put_instr(w: &mut Writer, i: &Instr) {
            match *i {
                $(Instr::$u => w.byte($ut),)*
                $(Instr::$a(n) => { w.byte($at); w.uvar(n as u64); })*
                $(Instr::$o(op) => { w.byte($otag); w.byte(op_tag(op)); })*
            }
        }

        fn get_instr(r: &mut Reader) -> Result<Instr, ThawError> {
            let at = r.pos;
            Ok(match r.byte()? {
                $($ut => Instr::$u,)*
                $($at => Instr::$a(r.u32()?),)*
                $($otag => Instr::$o(<$ot as OpCodec>::from_tag(r.byte()?).ok_or(ThawError::Corrupt("bad operator", at))?),)*
                _ => return Err(ThawError::Corrupt("bad instruction tag", at)),
            })
        }
    };
}

instr_codec! {
    unit {
        Nop = 0, Pop = 1, Dup = 2, Dup2 = 3, Rot2 = 4, Rot3 = 5, Rot4 = 6,
        BinarySubscr = 7, StoreSubscr = 8, DeleteSubscr = 9, CheckExcMatch = 10,
        ListToTuple = 11, GetIter = 12, PopBlock = 13, PopExcept = 14, Reraise = 15,
        LoadAssertionError = 16, BeforeWith = 17, WithExitNormal = 18, WithExitExc = 19,
        LoadBuildClass = 20, ReturnValue = 21, YieldValue = 22, GetYieldFromIter = 23,
        GetAwaitable = 24, YieldFrom = 25, ImportStar = 26, PrintExpr = 27,
    }
    arg {
        LoadConst = 40, LoadFast = 41, StoreFast = 42, DeleteFast = 43, LoadDeref = 44,
        StoreDeref = 45, DeleteDeref = 46, LoadClosure = 47, LoadClassDeref = 48,
        LoadGlobal = 49, StoreGlobal = 50, DeleteGlobal = 51, LoadName = 52, StoreName = 53,
        DeleteName = 54, LoadAttr = 55, StoreAttr = 56, DeleteAttr = 57, LoadMethod = 58,
        CallMethod = 59, BuildSlice = 60, BuildTuple = 61, BuildList = 62, BuildSet = 63,
        BuildMap = 64, BuildConstKeyMap = 65, BuildString = 66, FormatValue = 67,
        ListAppend = 68, SetAdd = 69, MapAdd = 70, ListExtend = 71, SetUpdate = 72,
        DictUpdate = 73, DictMerge = 74, UnpackSequence = 75, UnpackEx = 76, Jump = 77,
        PopJumpIfFalse = 78, PopJumpIfTrue = 79, JumpIfFalseOrPop = 80,
        JumpIfTrueOrPop = 81, ForIter = 82, SetupTry = 83, Raise = 84, MakeFunction = 85,
        Call = 86, CallKw = 87, CallEx = 88, ImportName = 89, ImportFrom = 90,
        SetupClassBody = 91,
    }
    op {
        UnaryOp(UnaryOp) = 100, BinaryOp(BinOp) = 101, InplaceOp(BinOp) = 102,
        CompareOp(CmpOp) = 103,
    }
}

trait OpCodec: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn from_tag(t: u8) -> Option<Self> {
        Self::ALL.get(t as usize).copied()
    }
}

fn op_tag<T: OpCodec + PartialEq>(op: T) -> u8 {
    // ALL lists every variant, so the search always succeeds
    T::ALL.iter().position(|x| *x == op).unwrap_or(0) as u8
}

impl OpCodec for UnaryOp {
    const ALL: &'static [Self] = &[UnaryOp::Invert, UnaryOp::Not, UnaryOp::UAdd, UnaryOp::USub];
}

impl OpCodec for BinOp {
    const ALL: &'static [Self] = &[
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mult,
        BinOp::MatMult,
        BinOp::Div,
        BinOp::Mod,
        BinOp::Pow,
        BinOp::LShift,
        BinOp::RShift,
        BinOp::BitOr,
        BinOp::BitXor,
        BinOp::BitAnd,
        BinOp::FloorDiv,
    ];
}

impl OpCodec for CmpOp {
    const ALL: &'static [Self] = &[
        CmpOp::Eq,
        CmpOp::NotEq,
        CmpOp::Lt,
        CmpOp::LtE,
        CmpOp::Gt,
        CmpOp::GtE,
        CmpOp::Is,
        CmpOp::IsNot,
        CmpOp::In,
        CmpOp::NotIn,
    ];
}

// ---------------------------------------------------------------------------------------
// writing

struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    fn uvar(&mut self, mut n: u64) {
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.out.push(b);
                return;
            }
            self.out.push(b | 0x80);
        }
    }

    fn ivar(&mut self, n: i64) {
        self.uvar(((n << 1) ^ (n >> 63)) as u64);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.uvar(b.len() as u64);
        self.out.extend_from_slice(b);
    }

    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    fn f64(&mut self, f: f64) {
        self.out.extend_from_slice(&f.to_bits().to_le_bytes());
    }

    fn strs(&mut self, v: &[String]) {
        self.uvar(v.len() as u64);
        for s in v {
            self.str(s);
        }
    }

    fn code(&mut self, c: &Code, parent_filename: Option<&str>) {
        self.str(&c.name);
        self.str(&c.qualname);
        // filename: 0 = same as the parent, else 1 + the string
        if parent_filename == Some(c.filename.as_str()) {
            self.byte(0);
        } else {
            self.byte(1);
            self.str(&c.filename);
        }
        for n in [
            c.first_line,
            c.flags,
            c.argcount,
            c.posonlyargcount,
            c.kwonlyargcount,
            c.max_stack,
        ] {
            self.uvar(n as u64);
        }
        self.uvar(c.instrs.len() as u64);
        for i in &c.instrs {
            put_instr(self, i);
        }
        self.uvar(c.lines.len() as u64);
        let mut prev = c.first_line as i64;
        for &l in &c.lines {
            self.ivar(l as i64 - prev);
            prev = l as i64;
        }
        self.uvar(c.consts.len() as u64);
        for k in &c.consts {
            self.konst(k, &c.filename);
        }
        self.strs(&c.names);
        self.strs(&c.varnames);
        self.strs(&c.cellvars);
        self.strs(&c.freevars);
        self.uvar(c.cell2arg.len() as u64);
        for &(a, b) in &c.cell2arg {
            self.uvar(a as u64);
            self.uvar(b as u64);
        }
    }

    fn konst(&mut self, k: &Const, filename: &str) {
        match k {
            Const::None => self.byte(0),
            Const::True => self.byte(1),
            Const::False => self.byte(2),
            Const::Ellipsis => self.byte(3),
            Const::Int(i) => {
                self.byte(4);
                self.ivar(*i);
            }
            Const::BigInt(s) => {
                self.byte(5);
                self.str(s);
            }
            Const::Float(f) => {
                self.byte(6);
                self.f64(*f);
            }
            Const::Complex(re, im) => {
                self.byte(7);
                self.f64(*re);
                self.f64(*im);
            }
            Const::Str(s) => {
                self.byte(8);
                self.str(s);
            }
            Const::Bytes(b) => {
                self.byte(9);
                self.bytes(b);
            }
            Const::Tuple(items) => {
                self.byte(10);
                self.uvar(items.len() as u64);
                for it in items {
                    self.konst(it, filename);
                }
            }
            Const::Code(c) => {
                self.byte(11);
                self.code(c, Some(filename));
            }
        }
    }
}

/// Serialize a code object (and everything nested in it).
pub fn freeze(code: &Code) -> Vec<u8> {
    let mut w = Writer { out: Vec::new() };
    w.out.extend_from_slice(MAGIC);
    w.out.push(VERSION);
    w.out.extend_from_slice(&[0; 4]);
    w.code(code, None);
    let sum = fnv1a(&w.out[HEADER..]);
    w.out[4..HEADER].copy_from_slice(&sum.to_le_bytes());
    w.out
}

// ---------------------------------------------------------------------------------------
// reading

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn corrupt<T>(&self, what: &'static str) -> Result<T, ThawError> {
        Err(ThawError::Corrupt(what, self.pos))
    }

    fn byte(&mut self) -> Result<u8, ThawError> {
        match self.data.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => self.corrupt("unexpected end"),
        }
    }

    fn uvar(&mut self) -> Result<u64, ThawError> {
        let mut n: u64 = 0;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if shift >= 64 || (shift == 63 && b > 1) {
                return self.corrupt("varint too long");
            }
            n |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
            shift += 7;
        }
    }

    fn u32(&mut self) -> Result<u32, ThawError> {
        let n = self.uvar()?;
        u32::try_from(n).or_else(|_| self.corrupt("number out of range"))
    }

    fn ivar(&mut self) -> Result<i64, ThawError> {
        let n = self.uvar()?;
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    }

    /// A count of items each at least `min_size` bytes long: refused if the rest of the
    /// blob cannot hold that many (so a corrupt count cannot make us reserve gigabytes).
    fn count(&mut self, min_size: usize) -> Result<usize, ThawError> {
        let n = self.uvar()?;
        let left = (self.data.len() - self.pos) as u64;
        if n.saturating_mul(min_size.max(1) as u64) > left {
            return self.corrupt("count larger than the blob");
        }
        Ok(n as usize)
    }

    fn raw(&mut self) -> Result<&'a [u8], ThawError> {
        let n = self.count(1)?;
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn str(&mut self) -> Result<String, ThawError> {
        let at = self.pos;
        let b = self.raw()?;
        match core::str::from_utf8(b) {
            Ok(s) => Ok(String::from(s)),
            Err(_) => Err(ThawError::Corrupt("invalid UTF-8", at)),
        }
    }

    fn f64(&mut self) -> Result<f64, ThawError> {
        if self.data.len() - self.pos < 8 {
            return self.corrupt("unexpected end");
        }
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.data[self.pos..self.pos + 8]);
        self.pos += 8;
        Ok(f64::from_bits(u64::from_le_bytes(b)))
    }

    fn strs(&mut self) -> Result<Vec<String>, ThawError> {
        let n = self.count(1)?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.str()?);
        }
        Ok(v)
    }

    fn code(&mut self, parent_filename: Option<&str>, depth: u32) -> Result<Code, ThawError> {
        if depth > MAX_DEPTH {
            return self.corrupt("code objects nested too deep");
        }
        let start = self.pos;
        let name = self.str()?;
        let qualname = self.str()?;
        let filename = match (self.byte()?, parent_filename) {
            (0, Some(p)) => String::from(p),
            (1, _) => self.str()?,
            _ => return self.corrupt("bad filename marker"),
        };
        let first_line = self.u32()?;
        let flags = self.u32()?;
        let argcount = self.u32()?;
        let posonlyargcount = self.u32()?;
        let kwonlyargcount = self.u32()?;
        let max_stack = self.u32()?;
        let n = self.count(1)?;
        let mut instrs = Vec::with_capacity(n);
        for _ in 0..n {
            instrs.push(get_instr(self)?);
        }
        let n = self.count(1)?;
        if n != instrs.len() {
            return self.corrupt("line table length differs from the code's");
        }
        let mut lines = Vec::with_capacity(n);
        let mut prev = first_line as i64;
        for _ in 0..n {
            let l = prev.wrapping_add(self.ivar()?);
            let l = u32::try_from(l).or_else(|_| self.corrupt("line number out of range"))?;
            lines.push(l);
            prev = l as i64;
        }
        let n = self.count(1)?;
        let mut consts = Vec::with_capacity(n);
        for _ in 0..n {
            consts.push(self.konst(&filename, depth)?);
        }
        let names = self.strs()?;
        let varnames = self.strs()?;
        let cellvars = self.strs()?;
        let freevars = self.strs()?;
        let n = self.count(2)?;
        let mut cell2arg = Vec::with_capacity(n);
        for _ in 0..n {
            let c = self.u32()?;
            let a = self.u32()?;
            if c as usize >= cellvars.len() || a as usize >= varnames.len() {
                return self.corrupt("cell2arg index out of range");
            }
            cell2arg.push((c, a));
        }
        let code = Code {
            name,
            qualname,
            filename,
            first_line,
            flags,
            argcount,
            posonlyargcount,
            kwonlyargcount,
            instrs,
            lines,
            consts,
            names,
            varnames,
            cellvars,
            freevars,
            cell2arg,
            max_stack,
        };
        match check_operands(&code) {
            Ok(()) => Ok(code),
            Err(what) => Err(ThawError::Corrupt(what, start)),
        }
    }

    fn konst(&mut self, filename: &str, depth: u32) -> Result<Const, ThawError> {
        let at = self.pos;
        Ok(match self.byte()? {
            0 => Const::None,
            1 => Const::True,
            2 => Const::False,
            3 => Const::Ellipsis,
            4 => Const::Int(self.ivar()?),
            5 => {
                let s = self.str()?;
                let digits = s.strip_prefix('-').unwrap_or(&s);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(ThawError::Corrupt("bad big int", at));
                }
                Const::BigInt(s)
            }
            6 => Const::Float(self.f64()?),
            7 => {
                let re = self.f64()?;
                Const::Complex(re, self.f64()?)
            }
            8 => Const::Str(self.str()?),
            9 => Const::Bytes(self.raw()?.to_vec()),
            10 => {
                if depth > MAX_DEPTH {
                    return self.corrupt("constants nested too deep");
                }
                let n = self.count(1)?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(self.konst(filename, depth + 1)?);
                }
                Const::Tuple(v)
            }
            11 => Const::Code(Rc::new(self.code(Some(filename), depth + 1)?)),
            _ => return Err(ThawError::Corrupt("bad constant tag", at)),
        })
    }
}

/// Every operand that indexes a table of the code (or jumps) is in range, so the VM never
/// indexes out of bounds on a thawed code object.
fn check_operands(c: &Code) -> Result<(), &'static str> {
    let ncells = c.cellvars.len() + c.freevars.len();
    for i in &c.instrs {
        let (n, limit, what) = match *i {
            Instr::LoadConst(n) | Instr::SetupClassBody(n) => {
                (n, c.consts.len(), "constant index out of range")
            }
            Instr::LoadFast(n) | Instr::StoreFast(n) | Instr::DeleteFast(n) => {
                (n, c.varnames.len(), "local index out of range")
            }
            Instr::LoadDeref(n)
            | Instr::StoreDeref(n)
            | Instr::DeleteDeref(n)
            | Instr::LoadClosure(n)
            | Instr::LoadClassDeref(n) => (n, ncells, "cell index out of range"),
            Instr::LoadGlobal(n)
            | Instr::StoreGlobal(n)
            | Instr::DeleteGlobal(n)
            | Instr::LoadName(n)
            | Instr::StoreName(n)
            | Instr::DeleteName(n)
            | Instr::LoadAttr(n)
            | Instr::StoreAttr(n)
            | Instr::DeleteAttr(n)
            | Instr::LoadMethod(n)
            | Instr::ImportName(n)
            | Instr::ImportFrom(n) => (n, c.names.len(), "name index out of range"),
            Instr::Jump(n)
            | Instr::PopJumpIfFalse(n)
            | Instr::PopJumpIfTrue(n)
            | Instr::JumpIfFalseOrPop(n)
            | Instr::JumpIfTrueOrPop(n)
            | Instr::ForIter(n)
            | Instr::SetupTry(n) => (n, c.instrs.len() + 1, "jump target out of range"),
            _ => continue,
        };
        if n as usize >= limit {
            return Err(what);
        }
    }
    Ok(())
}

/// Deserialize a blob made by [`freeze`]. Any malformed input is an `Err`.
pub fn thaw(bytes: &[u8]) -> Result<Code, ThawError> {
    if bytes.len() < HEADER || &bytes[..3] != MAGIC {
        return Err(ThawError::NotFrozen);
    }
    if bytes[3] != VERSION {
        return Err(ThawError::Version(bytes[3]));
    }
    let sum = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
    if fnv1a(&bytes[HEADER..]) != sum {
        return Err(ThawError::Checksum);
    }
    let mut r = Reader {
        data: bytes,
        pos: HEADER,
    };
    let code = r.code(None, 0)?;
    if r.pos != bytes.len() {
        return r.corrupt("trailing bytes");
    }
    Ok(code)
}

/// Thaw a blob without checking its checksum (the fuzz tests use it to reach the
/// structural checks behind it).
#[cfg(test)]
fn thaw_unchecked(bytes: &[u8]) -> Result<Code, ThawError> {
    let mut r = Reader {
        data: bytes,
        pos: HEADER.min(bytes.len()),
    };
    let code = r.code(None, 0)?;
    if r.pos != bytes.len() {
        return r.corrupt("trailing bytes");
    }
    Ok(code)
}

#[cfg(test)]
mod tests;
