//! `re`: regular expressions on str (char indices) and bytes, over the backtracking engine
//! in `re_engine.rs`.
//!
//! A match attempt (one start position of a search) that executes more than 10 million
//! engine steps (plus 32 per remaining subject symbol) raises `RuntimeError("regular
//! expression too complex: ...")` instead of running for ever on a catastrophic pattern
//! such as `(a+)+$`; Ctrl-C interrupts long matches (the engine calls `vm.periodic()` every
//! 100k steps).

use alloc::boxed::Box;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::Cell;

use super::re_engine::{self as eng, ExecError, Prog, NONE};
use super::{add_fns, native_class, native_ref};
use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyErr, PyResult, Vm};

// ---------------------------------------------------------------------- objects

pub struct Pattern {
    prog: Rc<Prog>,
    /// the source pattern (str or bytes)
    src: Value,
    flags: i64,
    bytes: bool,
}

enum Data {
    Bytes(Vec<u8>),
    /// ASCII str: symbols are the str's bytes
    Ascii,
    /// non-ASCII str: char codes
    Wide(Vec<u32>),
}

/// A subject string, converted once for matching.
pub struct Subject {
    value: Value,
    data: Data,
}

impl Subject {
    fn len(&self) -> usize {
        match &self.data {
            Data::Bytes(b) => b.len(),
            Data::Ascii => self.value.as_str().map(|s| s.s.len()).unwrap_or(0),
            Data::Wide(w) => w.len(),
        }
    }
    fn is_bytes(&self) -> bool {
        matches!(self.data, Data::Bytes(_))
    }
    /// substring [s, e) as a str/bytes value
    fn slice(&self, s: usize, e: usize) -> Value {
        let e = e.min(self.len());
        let s = s.min(e);
        match &self.data {
            Data::Bytes(b) => Value::bytes(b[s..e].to_vec()),
            Data::Ascii => match self.value.as_str() {
                Some(st) => Value::str(&st.s[s..e]),
                None => Value::str(""),
            },
            Data::Wide(w) => Value::string(
                w[s..e]
                    .iter()
                    .map(|&c| char::from_u32(c).unwrap_or('\u{fffd}'))
                    .collect(),
            ),
        }
    }
    fn push_slice(&self, out: &mut Out, s: usize, e: usize) {
        let e = e.min(self.len());
        let s = s.min(e);
        match (&self.data, out) {
            (Data::Bytes(b), Out::B(o)) => o.extend_from_slice(&b[s..e]),
            (Data::Ascii, Out::S(o)) => {
                if let Some(st) = self.value.as_str() {
                    o.push_str(&st.s[s..e]);
                }
            }
            (Data::Wide(w), Out::S(o)) => o.extend(
                w[s..e]
                    .iter()
                    .map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')),
            ),
            _ => {}
        }
    }
}

pub struct Match {
    pattern: Value,
    subj: Rc<Subject>,
    slots: Vec<usize>,
    pos: usize,
    endpos: usize,
}

pub struct Scanner {
    pattern: Value,
    subj: Rc<Subject>,
    pos: Cell<usize>,
    endpos: usize,
    must_advance: Cell<bool>,
    done: Cell<bool>,
}

impl NativeObj for Pattern {
    fn type_name(&self) -> &'static str {
        "Pattern"
    }
    fn class(&self, vm: &mut Vm) -> Value {
        pattern_class(vm)
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}
impl NativeObj for Match {
    fn type_name(&self) -> &'static str {
        "Match"
    }
    fn class(&self, vm: &mut Vm) -> Value {
        match_class(vm)
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}
impl NativeObj for Scanner {
    fn type_name(&self) -> &'static str {
        "callable_iterator"
    }
    fn class(&self, vm: &mut Vm) -> Value {
        native_class(
            vm,
            "callable_iterator",
            &[
                ("__iter__", crate::types::iter_self),
                ("__next__", scanner_next),
            ],
        )
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}

fn pattern_class(vm: &mut Vm) -> Value {
    native_class(
        vm,
        "Pattern",
        &[
            ("match", p_match),
            ("search", p_search),
            ("fullmatch", p_fullmatch),
            ("sub", p_sub),
            ("subn", p_subn),
            ("split", p_split),
            ("findall", p_findall),
            ("finditer", p_finditer),
            ("__repr__", p_repr),
        ],
    )
}
fn match_class(vm: &mut Vm) -> Value {
    native_class(
        vm,
        "Match",
        &[
            ("group", m_group),
            ("__getitem__", m_getitem),
            ("groups", m_groups),
            ("groupdict", m_groupdict),
            ("start", m_start),
            ("end", m_end),
            ("span", m_span),
            ("expand", m_expand),
            ("__repr__", m_repr),
        ],
    )
}

fn set_props(cls: &Value, props: &[(&'static str, NativeFn)]) {
    if let Value::Obj(o) = cls {
        if let Obj::Class(c) = &**o {
            let mut d = c.dict.borrow_mut();
            d.set_str("__module__", Value::str("re"));
            d.set_str("__hash__", Value::None);
            for (name, f) in props {
                let g = crate::builtins::builtin_fn(name, *f);
                d.set_str(name, Value::obj(Obj::Property(g, Value::None, Value::None)));
            }
        }
    }
}

// ---------------------------------------------------------------------- helpers

const ERROR_KEY: &str = "re.error";
const CACHE_KEY: &str = "re._cache";
const CACHE_MAX: usize = 100;

/// Raise `re.error(msg, pattern, pos)`.
fn re_error(vm: &mut Vm, e: &eng::Error, pattern: &Value) -> PyErr {
    if e.pos.is_none() && e.msg == eng::OUT_OF_MEMORY {
        return vm.memory_error();
    }
    let cls = vm.dict_get_str_opt(&vm.shared.native_classes, &Value::str(ERROR_KEY));
    let pos = match e.pos {
        Some(p) => Value::Int(p as i64),
        None => Value::None,
    };
    let msg = Value::str(&e.msg);
    match cls {
        Some(c) => {
            let pat = if e.pos.is_some() {
                pattern.clone()
            } else {
                Value::None
            };
            match vm.call(&c, &[msg, pat, pos]) {
                Ok(inst) => PyErr(inst),
                Err(err) => err,
            }
        }
        None => vm.value_error(&e.msg),
    }
}

fn exec_error(vm: &mut Vm, e: ExecError<PyErr>) -> PyErr {
    match e {
        ExecError::StepLimit => {
            vm.runtime_error("regular expression too complex: backtracking step limit exceeded")
        }
        ExecError::Tick(e) => e,
    }
}

fn get_pattern<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Pattern> {
    match native_ref::<Pattern>(v) {
        Some(p) => Ok(p),
        None => Err(vm.type_error("descriptor requires a 're.Pattern' object")),
    }
}
fn get_match<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Match> {
    match native_ref::<Match>(v) {
        Some(p) => Ok(p),
        None => Err(vm.type_error("descriptor requires a 're.Match' object")),
    }
}

/// Symbols of a str or bytes-like pattern; (symbols, is_bytes).
fn pattern_syms(vm: &mut Vm, p: &Value) -> PyResult<(Vec<u32>, bool)> {
    if let Some(s) = p.as_str() {
        return Ok((s.as_str().chars().map(|c| c as u32).collect(), false));
    }
    let is_bytes_like = matches!(p, Value::Obj(o) if matches!(&**o, Obj::Bytes(_) | Obj::ByteArray(_) | Obj::MemoryView(_)));
    if is_bytes_like {
        let b = vm.bytes_of(p)?;
        return Ok((b.into_iter().map(|x| x as u32).collect(), true));
    }
    let base = vm.base_value(p);
    if !base.is(p) {
        return pattern_syms(vm, &base);
    }
    Err(vm.type_error("first argument must be string or compiled pattern"))
}

fn compile_value(vm: &mut Vm, p: &Value, flags: i64) -> PyResult<Value> {
    if native_ref::<Pattern>(p).is_some() {
        if flags != 0 {
            return Err(vm.value_error("cannot process flags argument with a compiled pattern"));
        }
        return Ok(p.clone());
    }
    // cache: (type, pattern, flags) -> Pattern
    let cache = match vm.dict_get_str_opt(&vm.shared.native_classes, &Value::str(CACHE_KEY)) {
        Some(c) => c,
        None => {
            let c = Value::dict(Dict::new());
            crate::vm::dict_set_str(&vm.shared.native_classes, Value::str(CACHE_KEY), c.clone());
            c
        }
    };
    let is_str = p.as_str().is_some();
    let key = if is_str || matches!(p, Value::Obj(o) if matches!(&**o, Obj::Bytes(_))) {
        Some(Value::tuple(vec![
            p.clone(),
            Value::Int(flags),
            Value::Bool(is_str),
        ]))
    } else {
        None
    };
    if let Some(k) = &key {
        if let Some(v) = vm.dict_get(&cache, k)? {
            return Ok(v);
        }
    }
    let (syms, bytes) = pattern_syms(vm, p)?;
    if flags < 0 || flags > u32::MAX as i64 {
        return Err(vm.value_error("invalid flags"));
    }
    let prog = match eng::compile(&syms, flags as u32, bytes) {
        Ok(pr) => pr,
        Err(e) => return Err(re_error(vm, &e, p)),
    };
    let mut fl = prog.flags as i64;
    if !bytes && fl & eng::FLAG_A as i64 == 0 {
        fl |= eng::FLAG_U as i64;
    }
    let src = p.clone();
    let v = Value::obj(Obj::Native(Box::new(Pattern {
        prog: Rc::new(prog),
        src,
        flags: fl,
        bytes,
    })));
    if let Some(k) = key {
        if vm.len(&cache)? >= CACHE_MAX {
            if let Value::Obj(o) = &cache {
                if let Obj::Dict(d) = &**o {
                    *d.borrow_mut() = Dict::new();
                }
            }
        }
        vm.dict_set(&cache, k, v.clone())?;
    }
    Ok(v)
}

fn subject(vm: &mut Vm, pat: &Pattern, s: &Value) -> PyResult<Rc<Subject>> {
    let sv = if s.as_str().is_some() {
        s.clone()
    } else {
        let b = vm.base_value(s);
        if b.as_str().is_some() {
            b
        } else {
            s.clone()
        }
    };
    if let Some(st) = sv.as_str() {
        if pat.bytes {
            return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
        }
        let data = if st.is_ascii() {
            Data::Ascii
        } else {
            vm.check_alloc(st.char_len.saturating_mul(4))?;
            Data::Wide(st.as_str().chars().map(|c| c as u32).collect())
        };
        return Ok(Rc::new(Subject { value: sv, data }));
    }
    let is_bytes_like = matches!(&sv, Value::Obj(o) if matches!(&**o, Obj::Bytes(_) | Obj::ByteArray(_) | Obj::MemoryView(_)))
        || crate::types::native_buffer(vm, &sv).is_some();
    if !is_bytes_like {
        let t = vm.type_name(s);
        return Err(vm.type_error(format!("expected string or bytes-like object, got '{}'", t)));
    }
    if !pat.bytes {
        return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
    }
    let b = vm.bytes_of(&sv)?;
    Ok(Rc::new(Subject {
        value: sv,
        data: Data::Bytes(b),
    }))
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Match,
    Search,
    Full,
}

/// One engine search over `subj[..endpos]` from `pos`.
fn exec(
    vm: &mut Vm,
    prog: &Prog,
    subj: &Subject,
    pos: usize,
    endpos: usize,
    kind: Kind,
    must_advance: bool,
) -> PyResult<Option<Vec<usize>>> {
    let anchored = kind != Kind::Search;
    let full = kind == Kind::Full;
    let mut tick = |bytes: usize| -> Result<(), PyErr> {
        if bytes > 0 {
            vm.check_alloc(bytes)
        } else {
            vm.periodic()
        }
    };
    let r = match &subj.data {
        Data::Bytes(b) => {
            let end = endpos.min(b.len());
            prog.search(&b[..end], pos, anchored, full, must_advance, &mut tick)
        }
        Data::Ascii => {
            let st = match subj.value.as_str() {
                Some(s) => s,
                None => return Ok(None),
            };
            let b = st.s.as_bytes();
            let end = endpos.min(b.len());
            prog.search(&b[..end], pos, anchored, full, must_advance, &mut tick)
        }
        Data::Wide(w) => {
            let end = endpos.min(w.len());
            prog.search(&w[..end], pos, anchored, full, must_advance, &mut tick)
        }
    };
    r.map_err(|e| exec_error(vm, e))
}

fn make_match(
    pattern: &Value,
    subj: &Rc<Subject>,
    slots: Vec<usize>,
    pos: usize,
    endpos: usize,
) -> Value {
    Value::obj(Obj::Native(Box::new(Match {
        pattern: pattern.clone(),
        subj: subj.clone(),
        slots,
        pos,
        endpos,
    })))
}

/// Resolve pos/endpos like CPython (clamped to the subject).
fn pos_args(
    vm: &mut Vm,
    pos: Option<&Value>,
    endpos: Option<&Value>,
    len: usize,
) -> PyResult<(usize, usize)> {
    let clamp = |i: i64| -> usize {
        if i < 0 {
            0
        } else {
            (i as u64).min(len as u64) as usize
        }
    };
    let p = match pos {
        Some(v) if !v.is_none() => {
            let v = v.clone();
            clamp(vm.to_i64(&v)?)
        }
        _ => 0,
    };
    let e = match endpos {
        Some(v) if !v.is_none() => {
            let v = v.clone();
            clamp(vm.to_i64(&v)?)
        }
        _ => len,
    };
    Ok((p, e))
}

fn int_arg(vm: &mut Vm, v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        Some(v) if !v.is_none() => {
            let v = v.clone();
            vm.to_i64(&v)
        }
        _ => Ok(default),
    }
}

fn need<'a>(vm: &mut Vm, v: Option<&'a Value>, f: &str, name: &str) -> PyResult<&'a Value> {
    match v {
        Some(v) => Ok(v),
        None => Err(vm.type_error(format!("{}() missing required argument '{}'", f, name))),
    }
}

// ---------------------------------------------------------------------- core operations

fn do_match(
    vm: &mut Vm,
    pv: &Value,
    s: &Value,
    pos: Option<&Value>,
    endpos: Option<&Value>,
    kind: Kind,
) -> PyResult<Value> {
    let p = get_pattern(vm, pv)?;
    let subj = subject(vm, p, s)?;
    let (pos, endpos) = pos_args(vm, pos, endpos, subj.len())?;
    let prog = p.prog.clone();
    match exec(vm, &prog, &subj, pos, endpos, kind, false)? {
        Some(slots) => Ok(make_match(pv, &subj, slots, pos, endpos)),
        None => Ok(Value::None),
    }
}

/// Iterate the non-overlapping matches (CPython 3.7+ rules for empty matches).
fn for_each_match(
    vm: &mut Vm,
    prog: &Prog,
    subj: &Subject,
    pos: usize,
    endpos: usize,
    limit: usize,
    f: &mut dyn FnMut(&mut Vm, Vec<usize>) -> PyResult<()>,
) -> PyResult<usize> {
    let mut pos = pos;
    let mut must_advance = false;
    let mut n = 0;
    while limit == 0 || n < limit {
        let slots = match exec(vm, prog, subj, pos, endpos, Kind::Search, must_advance)? {
            Some(s) => s,
            None => break,
        };
        let (s, e) = (slots[0], slots[1]);
        f(vm, slots)?;
        n += 1;
        must_advance = s == e;
        pos = e;
        if pos > endpos {
            break;
        }
    }
    Ok(n)
}

fn group_value(subj: &Subject, slots: &[usize], g: usize, default: &Value) -> Value {
    match (slots.get(2 * g), slots.get(2 * g + 1)) {
        (Some(&s), Some(&e)) if s != NONE && e != NONE => subj.slice(s, e),
        _ => default.clone(),
    }
}

fn do_findall(
    vm: &mut Vm,
    pv: &Value,
    s: &Value,
    pos: Option<&Value>,
    endpos: Option<&Value>,
) -> PyResult<Value> {
    let p = get_pattern(vm, pv)?;
    let subj = subject(vm, p, s)?;
    let (pos, endpos) = pos_args(vm, pos, endpos, subj.len())?;
    let prog = p.prog.clone();
    let groups = prog.groups as usize;
    let empty = if subj.is_bytes() {
        Value::bytes(Vec::new())
    } else {
        Value::str("")
    };
    let mut out = Vec::new();
    for_each_match(vm, &prog, &subj, pos, endpos, 0, &mut |vm, slots| {
        let v = match groups {
            0 => subj.slice(slots[0], slots[1]),
            1 => group_value(&subj, &slots, 1, &empty),
            _ => Value::tuple(
                (1..=groups)
                    .map(|g| group_value(&subj, &slots, g, &empty))
                    .collect(),
            ),
        };
        if out.len() & 0xfff == 0xfff {
            vm.check_alloc(out.len() * 16)?;
        }
        out.push(v);
        Ok(())
    })?;
    Ok(Value::list(out))
}

fn do_split(vm: &mut Vm, pv: &Value, s: &Value, maxsplit: i64) -> PyResult<Value> {
    let p = get_pattern(vm, pv)?;
    let subj = subject(vm, p, s)?;
    if maxsplit < 0 {
        return Ok(Value::list(vec![subj.value.clone()]));
    }
    let prog = p.prog.clone();
    let groups = prog.groups as usize;
    let mut out = Vec::new();
    let mut last = 0usize;
    let len = subj.len();
    for_each_match(
        vm,
        &prog,
        &subj,
        0,
        len,
        maxsplit as usize,
        &mut |vm, slots| {
            out.push(subj.slice(last, slots[0]));
            for g in 1..=groups {
                out.push(group_value(&subj, &slots, g, &Value::None));
            }
            last = slots[1];
            if out.len() & 0xfff == 0xfff {
                vm.check_alloc(out.len() * 16)?;
            }
            Ok(())
        },
    )?;
    out.push(subj.slice(last, len));
    Ok(Value::list(out))
}

enum Out {
    S(String),
    B(Vec<u8>),
}

impl Out {
    fn push_sym(&mut self, c: u32) {
        match self {
            Out::S(s) => s.push(char::from_u32(c).unwrap_or('\u{fffd}')),
            Out::B(b) => b.push(c as u8),
        }
    }
    fn len(&self) -> usize {
        match self {
            Out::S(s) => s.len(),
            Out::B(b) => b.len(),
        }
    }
    fn push_value(&mut self, vm: &mut Vm, v: &Value) -> PyResult<()> {
        match self {
            Out::S(s) => match v.as_str() {
                Some(x) => s.push_str(x.as_str()),
                None => {
                    let t = vm.type_name(v);
                    return Err(vm.type_error(format!("expected str instance, {} found", t)));
                }
            },
            Out::B(b) => {
                let ok = matches!(v, Value::Obj(o) if matches!(&**o, Obj::Bytes(_) | Obj::ByteArray(_) | Obj::MemoryView(_)));
                if !ok {
                    let t = vm.type_name(v);
                    return Err(vm.type_error(format!("expected a bytes-like object, {} found", t)));
                }
                let x = vm.bytes_of(v)?;
                b.extend_from_slice(&x);
            }
        }
        Ok(())
    }
}

enum Piece {
    Lit(Vec<u32>),
    Group(usize),
}

/// Parse a replacement template (`\1`, `\g<1>`, `\g<name>`, escapes).
fn parse_template(vm: &mut Vm, prog: &Prog, t: &[u32], tv: &Value) -> PyResult<Vec<Piece>> {
    let mut out = Vec::new();
    let mut lit: Vec<u32> = Vec::new();
    let mut i = 0;
    let c = |x: char| x as u32;
    let bad = |vm: &mut Vm, msg: String, pos: usize| {
        re_error(
            vm,
            &eng::Error {
                msg,
                pos: Some(pos),
            },
            tv,
        )
    };
    while i < t.len() {
        let x = t[i];
        if x != c('\\') {
            lit.push(x);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let e = match t.get(i) {
            Some(&e) => e,
            None => return Err(bad(vm, "bad escape (end of pattern)".into(), start)),
        };
        i += 1;
        let ech = char::from_u32(e).unwrap_or('\0');
        let group = match ech {
            'g' => {
                if t.get(i) != Some(&c('<')) {
                    return Err(bad(vm, "missing <".into(), i));
                }
                let ns = i + 1;
                let mut j = ns;
                while j < t.len() && t[j] != c('>') {
                    j += 1;
                }
                if j >= t.len() {
                    return Err(bad(vm, "missing >, unterminated name".into(), ns));
                }
                let name: String = t[ns..j]
                    .iter()
                    .map(|&x| char::from_u32(x).unwrap_or('\u{fffd}'))
                    .collect();
                i = j + 1;
                if name.is_empty() {
                    return Err(bad(vm, "missing group name".into(), ns));
                }
                let g = if name.bytes().all(|b| b.is_ascii_digit()) {
                    match name.parse::<usize>() {
                        Ok(g) => g,
                        Err(_) => usize::MAX,
                    }
                } else {
                    let ident = name
                        .chars()
                        .next()
                        .is_some_and(|f| f == '_' || f.is_alphabetic())
                        && name.chars().all(|x| x == '_' || x.is_alphanumeric());
                    if !ident {
                        return Err(bad(
                            vm,
                            format!("bad character in group name '{}'", name),
                            ns,
                        ));
                    }
                    match prog.group_index(&name) {
                        Some(g) => g as usize,
                        None => {
                            return Err(vm.index_error(format!("unknown group name '{}'", name)))
                        }
                    }
                };
                if g > prog.groups as usize {
                    return Err(bad(vm, format!("invalid group reference {}", g), ns));
                }
                Some(g)
            }
            '0' => {
                let mut v = 0;
                for _ in 0..2 {
                    match t.get(i).filter(|d| (c('0')..=c('7')).contains(d)) {
                        Some(d) => {
                            v = v * 8 + (d - c('0'));
                            i += 1;
                        }
                        None => break,
                    }
                }
                lit.push(v);
                None
            }
            '1'..='9' => {
                let oct = |d: Option<&u32>| d.is_some_and(|d| (c('0')..=c('7')).contains(d));
                if e <= c('7') && oct(t.get(i)) && oct(t.get(i + 1)) {
                    let v = (e - c('0')) * 64 + (t[i] - c('0')) * 8 + (t[i + 1] - c('0'));
                    i += 2;
                    if v > 0o377 {
                        return Err(bad(
                            vm,
                            format!("octal escape value \\{:o} outside of range 0-0o377", v),
                            start,
                        ));
                    }
                    lit.push(v);
                    None
                } else {
                    let mut g = (e - c('0')) as usize;
                    if let Some(&d) = t.get(i).filter(|d| (c('0')..=c('9')).contains(d)) {
                        g = g * 10 + (d - c('0')) as usize;
                        i += 1;
                    }
                    if g > prog.groups as usize {
                        return Err(bad(vm, format!("invalid group reference {}", g), start + 1));
                    }
                    Some(g)
                }
            }
            'n' => {
                lit.push(10);
                None
            }
            't' => {
                lit.push(9);
                None
            }
            'r' => {
                lit.push(13);
                None
            }
            'f' => {
                lit.push(12);
                None
            }
            'v' => {
                lit.push(11);
                None
            }
            'a' => {
                lit.push(7);
                None
            }
            'b' => {
                lit.push(8);
                None
            }
            '\\' => {
                lit.push(c('\\'));
                None
            }
            x if x.is_ascii_alphabetic() => {
                return Err(bad(vm, format!("bad escape \\{}", x), start));
            }
            _ => {
                lit.push(c('\\'));
                lit.push(e);
                None
            }
        };
        if let Some(g) = group {
            if !lit.is_empty() {
                out.push(Piece::Lit(core::mem::take(&mut lit)));
            }
            out.push(Piece::Group(g));
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    Ok(out)
}

fn template_syms(vm: &mut Vm, t: &Value, bytes: bool) -> PyResult<Vec<u32>> {
    if let Some(s) = t.as_str() {
        if bytes {
            return Err(vm.type_error("expected a bytes-like object, str found"));
        }
        return Ok(s.as_str().chars().map(|c| c as u32).collect());
    }
    if !bytes {
        let tn = vm.type_name(t);
        return Err(vm.type_error(format!("expected str instance, {} found", tn)));
    }
    Ok(vm.bytes_of(t)?.into_iter().map(|b| b as u32).collect())
}

fn expand_into(out: &mut Out, pieces: &[Piece], subj: &Subject, slots: &[usize]) {
    for p in pieces {
        match p {
            Piece::Lit(l) => {
                for &c in l {
                    out.push_sym(c);
                }
            }
            Piece::Group(g) => {
                if let (Some(&s), Some(&e)) = (slots.get(2 * g), slots.get(2 * g + 1)) {
                    if s != NONE && e != NONE {
                        subj.push_slice(out, s, e);
                    }
                }
            }
        }
    }
}

fn finish(out: Out) -> Value {
    match out {
        Out::S(s) => Value::string(s),
        Out::B(b) => Value::bytes(b),
    }
}

fn do_sub(
    vm: &mut Vm,
    pv: &Value,
    repl: &Value,
    s: &Value,
    count: i64,
    with_n: bool,
) -> PyResult<Value> {
    let p = get_pattern(vm, pv)?;
    let subj = subject(vm, p, s)?;
    let prog = p.prog.clone();
    let bytes = p.bytes;
    // a template, or a callable
    let is_template = repl.as_str().is_some()
        || matches!(repl, Value::Obj(o) if matches!(&**o, Obj::Bytes(_) | Obj::ByteArray(_) | Obj::MemoryView(_)));
    let pieces = if is_template {
        let t = template_syms(vm, repl, bytes)?;
        Some(parse_template(vm, &prog, &t, repl)?)
    } else {
        None
    };
    let mut out = if bytes {
        Out::B(Vec::new())
    } else {
        Out::S(String::new())
    };
    let len = subj.len();
    let mut last = 0usize;
    let count = if count < 0 {
        return Ok(if with_n {
            Value::tuple(vec![subj.value.clone(), Value::Int(0)])
        } else {
            subj.value.clone()
        });
    } else {
        count as usize
    };
    let n = for_each_match(vm, &prog, &subj, 0, len, count, &mut |vm, slots| {
        subj.push_slice(&mut out, last, slots[0]);
        last = slots[1];
        match &pieces {
            Some(pc) => expand_into(&mut out, pc, &subj, &slots),
            None => {
                let m = make_match(pv, &subj, slots, 0, len);
                let r = vm.call(repl, &[m])?;
                if !r.is_none() {
                    out.push_value(vm, &r)?;
                }
            }
        }
        if out.len() & 0xffff == 0xffff {
            vm.check_alloc(out.len())?;
        }
        Ok(())
    })?;
    subj.push_slice(&mut out, last, len);
    let r = finish(out);
    if with_n {
        Ok(Value::tuple(vec![r, Value::Int(n as i64)]))
    } else {
        Ok(r)
    }
}

// ---------------------------------------------------------------------- Pattern methods

fn p_match(vm: &mut Vm, args: Args) -> PyResult<Value> {
    p_find(vm, args, "match", Kind::Match)
}
fn p_search(vm: &mut Vm, args: Args) -> PyResult<Value> {
    p_find(vm, args, "search", Kind::Search)
}
fn p_fullmatch(vm: &mut Vm, args: Args) -> PyResult<Value> {
    p_find(vm, args, "fullmatch", Kind::Full)
}
/// `Pattern.match/search/fullmatch(string, pos, endpos)`
fn p_find(vm: &mut Vm, args: Args, name: &str, kind: Kind) -> PyResult<Value> {
    let s = need(vm, args.arg(1, "string"), name, "string")?.clone();
    do_match(
        vm,
        &args.pos[0],
        &s,
        args.arg(2, "pos"),
        args.arg(3, "endpos"),
        kind,
    )
}
fn p_sub(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = need(vm, args.arg(1, "repl"), "sub", "repl")?.clone();
    let s = need(vm, args.arg(2, "string"), "sub", "string")?.clone();
    let count = int_arg(vm, args.arg(3, "count"), 0)?;
    do_sub(vm, &args.pos[0], &r, &s, count, false)
}
fn p_subn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = need(vm, args.arg(1, "repl"), "subn", "repl")?.clone();
    let s = need(vm, args.arg(2, "string"), "subn", "string")?.clone();
    let count = int_arg(vm, args.arg(3, "count"), 0)?;
    do_sub(vm, &args.pos[0], &r, &s, count, true)
}
fn p_split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = need(vm, args.arg(1, "string"), "split", "string")?.clone();
    let n = int_arg(vm, args.arg(2, "maxsplit"), 0)?;
    do_split(vm, &args.pos[0], &s, n)
}
fn p_findall(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = need(vm, args.arg(1, "string"), "findall", "string")?.clone();
    do_findall(
        vm,
        &args.pos[0],
        &s,
        args.arg(2, "pos"),
        args.arg(3, "endpos"),
    )
}
fn p_finditer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = need(vm, args.arg(1, "string"), "finditer", "string")?.clone();
    do_finditer(
        vm,
        &args.pos[0],
        &s,
        args.arg(2, "pos"),
        args.arg(3, "endpos"),
    )
}
fn do_finditer(
    vm: &mut Vm,
    pv: &Value,
    s: &Value,
    pos: Option<&Value>,
    endpos: Option<&Value>,
) -> PyResult<Value> {
    let p = get_pattern(vm, pv)?;
    let subj = subject(vm, p, s)?;
    let (pos, endpos) = pos_args(vm, pos, endpos, subj.len())?;
    Ok(Value::obj(Obj::Native(Box::new(Scanner {
        pattern: pv.clone(),
        subj,
        pos: Cell::new(pos),
        endpos,
        must_advance: Cell::new(false),
        done: Cell::new(false),
    }))))
}
fn scanner_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sc = match args.pos.first().and_then(native_ref::<Scanner>) {
        Some(s) => s,
        None => return Err(vm.type_error("not a scanner")),
    };
    if sc.done.get() || sc.pos.get() > sc.endpos {
        return Err(vm.stop_iteration(Value::None));
    }
    let prog = get_pattern(vm, &sc.pattern)?.prog.clone();
    match exec(
        vm,
        &prog,
        &sc.subj,
        sc.pos.get(),
        sc.endpos,
        Kind::Search,
        sc.must_advance.get(),
    )? {
        Some(slots) => {
            sc.must_advance.set(slots[0] == slots[1]);
            sc.pos.set(slots[1]);
            Ok(make_match(&sc.pattern, &sc.subj, slots, 0, sc.endpos))
        }
        None => {
            sc.done.set(true);
            Err(vm.stop_iteration(Value::None))
        }
    }
}

fn flag_names(flags: i64, bytes: bool) -> String {
    let names: &[(i64, &str)] = &[
        (eng::FLAG_TEMPLATE as i64, "re.TEMPLATE"),
        (eng::FLAG_I as i64, "re.IGNORECASE"),
        (eng::FLAG_L as i64, "re.LOCALE"),
        (eng::FLAG_M as i64, "re.MULTILINE"),
        (eng::FLAG_S as i64, "re.DOTALL"),
        (eng::FLAG_U as i64, "re.UNICODE"),
        (eng::FLAG_X as i64, "re.VERBOSE"),
        (eng::FLAG_DEBUG as i64, "re.DEBUG"),
        (eng::FLAG_A as i64, "re.ASCII"),
    ];
    let mut f = flags;
    if !bytes {
        f &= !(eng::FLAG_U as i64);
    }
    let mut parts: Vec<String> = Vec::new();
    for (v, n) in names {
        if f & v != 0 {
            parts.push(String::from(*n));
            f &= !v;
        }
    }
    if f != 0 {
        parts.push(format!("0x{:x}", f));
    }
    parts.join("|")
}

fn p_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = get_pattern(vm, &args.pos[0])?;
    let src = p.src.clone();
    let fl = flag_names(p.flags, p.bytes);
    let mut r = vm.repr_string(&src)?;
    if r.chars().count() > 200 {
        r = r.chars().take(200).collect();
    }
    Ok(Value::string(if fl.is_empty() {
        format!("re.compile({})", r)
    } else {
        format!("re.compile({}, {})", r, fl)
    }))
}
fn p_pattern(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(get_pattern(vm, &args.pos[0])?.src.clone())
}
fn p_flags(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(get_pattern(vm, &args.pos[0])?.flags))
}
fn p_groups(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        get_pattern(vm, &args.pos[0])?.prog.groups as i64,
    ))
}
fn p_groupindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = get_pattern(vm, &args.pos[0])?;
    let mut d = Dict::new();
    for (n, g) in &p.prog.names {
        d.set_strval(Value::str(n), Value::Int(*g as i64));
    }
    Ok(Value::dict(d))
}

// ---------------------------------------------------------------------- Match methods

fn group_index(vm: &mut Vm, m: &Match, g: &Value) -> PyResult<usize> {
    let prog = get_pattern(vm, &m.pattern)?.prog.clone();
    let idx = match g {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => {
            if let Some(s) = g.as_str() {
                prog.group_index(s.as_str()).map(|x| x as i64)
            } else {
                None
            }
        }
    };
    match idx {
        Some(i) if i >= 0 && i <= prog.groups as i64 => Ok(i as usize),
        _ => Err(vm.index_error("no such group")),
    }
}

fn m_group(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = get_match(vm, &args.pos[0])?;
    let gs = &args.pos[1..];
    if gs.is_empty() {
        return Ok(group_value(&m.subj, &m.slots, 0, &Value::None));
    }
    let mut out = Vec::with_capacity(gs.len());
    for g in gs {
        let i = group_index(vm, m, g)?;
        out.push(group_value(&m.subj, &m.slots, i, &Value::None));
    }
    if out.len() == 1 {
        return Ok(out.pop().unwrap_or(Value::None));
    }
    Ok(Value::tuple(out))
}
fn m_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = get_match(vm, &args.pos[0])?;
    let g = need(vm, args.pos.get(1), "__getitem__", "group")?;
    let i = group_index(vm, m, g)?;
    Ok(group_value(&m.subj, &m.slots, i, &Value::None))
}
fn m_groups(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = get_match(vm, &args.pos[0])?;
    let d = args.arg(1, "default").cloned().unwrap_or(Value::None);
    let n = get_pattern(vm, &m.pattern)?.prog.groups as usize;
    Ok(Value::tuple(
        (1..=n)
            .map(|g| group_value(&m.subj, &m.slots, g, &d))
            .collect(),
    ))
}
fn m_groupdict(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = get_match(vm, &args.pos[0])?;
    let d = args.arg(1, "default").cloned().unwrap_or(Value::None);
    let prog = get_pattern(vm, &m.pattern)?.prog.clone();
    let mut out = Dict::new();
    for (n, g) in &prog.names {
        out.set_strval(
            Value::str(n),
            group_value(&m.subj, &m.slots, *g as usize, &d),
        );
    }
    Ok(Value::dict(out))
}
fn span_of(vm: &mut Vm, args: &Args) -> PyResult<(i64, i64)> {
    let m = get_match(vm, &args.pos[0])?;
    let g = match args.arg(1, "group") {
        Some(g) => group_index(vm, m, g)?,
        None => 0,
    };
    let s = m.slots[2 * g];
    let e = m.slots[2 * g + 1];
    if s == NONE || e == NONE {
        Ok((-1, -1))
    } else {
        Ok((s as i64, e as i64))
    }
}
fn m_start(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(span_of(vm, &args)?.0))
}
fn m_end(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(span_of(vm, &args)?.1))
}
fn m_span(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (s, e) = span_of(vm, &args)?;
    Ok(Value::tuple(vec![Value::Int(s), Value::Int(e)]))
}
fn m_expand(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = get_match(vm, &args.pos[0])?;
    let t = need(vm, args.arg(1, "template"), "expand", "template")?.clone();
    let p = get_pattern(vm, &m.pattern)?;
    let bytes = p.bytes;
    let prog = p.prog.clone();
    let syms = template_syms(vm, &t, bytes)?;
    let pieces = parse_template(vm, &prog, &syms, &t)?;
    let mut out = if bytes {
        Out::B(Vec::new())
    } else {
        Out::S(String::new())
    };
    expand_into(&mut out, &pieces, &m.subj, &m.slots);
    Ok(finish(out))
}
fn m_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = get_match(vm, &args.pos[0])?;
    let g = group_value(&m.subj, &m.slots, 0, &Value::None);
    let (s, e) = (m.slots[0], m.slots[1]);
    let r = vm.repr_string(&g)?;
    Ok(Value::string(format!(
        "<re.Match object; span=({}, {}), match={}>",
        s, e, r
    )))
}
fn m_string(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(get_match(vm, &args.pos[0])?.subj.value.clone())
}
fn m_re(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(get_match(vm, &args.pos[0])?.pattern.clone())
}
fn m_pos(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(get_match(vm, &args.pos[0])?.pos as i64))
}
fn m_endpos(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(get_match(vm, &args.pos[0])?.endpos as i64))
}
fn lastindex(vm: &mut Vm, m: &Match) -> PyResult<Option<usize>> {
    let n = get_pattern(vm, &m.pattern)?.prog.groups as usize;
    let li = m.slots.get(2 * (n + 1)).copied().unwrap_or(NONE);
    Ok(if li == NONE || li == 0 {
        None
    } else {
        Some(li)
    })
}
fn m_lastindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = get_match(vm, &args.pos[0])?;
    Ok(match lastindex(vm, m)? {
        Some(i) => Value::Int(i as i64),
        None => Value::None,
    })
}
fn m_lastgroup(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = get_match(vm, &args.pos[0])?;
    let li = lastindex(vm, m)?;
    let prog = get_pattern(vm, &m.pattern)?.prog.clone();
    Ok(match li {
        Some(i) => prog
            .names
            .iter()
            .find(|(_, g)| *g as usize == i)
            .map(|(n, _)| Value::str(n))
            .unwrap_or(Value::None),
        None => Value::None,
    })
}
fn m_regs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = get_match(vm, &args.pos[0])?;
    let n = get_pattern(vm, &m.pattern)?.prog.groups as usize;
    let mut out = Vec::new();
    for g in 0..=n {
        let (s, e) = (m.slots[2 * g], m.slots[2 * g + 1]);
        let (s, e) = if s == NONE || e == NONE {
            (-1, -1)
        } else {
            (s as i64, e as i64)
        };
        out.push(Value::tuple(vec![Value::Int(s), Value::Int(e)]));
    }
    Ok(Value::tuple(out))
}

// ---------------------------------------------------------------------- module functions

fn flags_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        Some(v) if !v.is_none() => {
            let v = v.clone();
            let b = vm.base_value(&v);
            vm.to_i64(&b)
        }
        _ => Ok(0),
    }
}

fn re_compile(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = need(vm, args.arg(0, "pattern"), "compile", "pattern")?.clone();
    let f = flags_arg(vm, args.arg(1, "flags"))?;
    compile_value(vm, &p, f)
}
fn module_match(vm: &mut Vm, args: Args, name: &str, kind: Kind) -> PyResult<Value> {
    let p = need(vm, args.arg(0, "pattern"), name, "pattern")?.clone();
    let s = need(vm, args.arg(1, "string"), name, "string")?.clone();
    let f = flags_arg(vm, args.arg(2, "flags"))?;
    let pv = compile_value(vm, &p, f)?;
    do_match(vm, &pv, &s, None, None, kind)
}
fn re_match(vm: &mut Vm, args: Args) -> PyResult<Value> {
    module_match(vm, args, "match", Kind::Match)
}
fn re_search(vm: &mut Vm, args: Args) -> PyResult<Value> {
    module_match(vm, args, "search", Kind::Search)
}
fn re_fullmatch(vm: &mut Vm, args: Args) -> PyResult<Value> {
    module_match(vm, args, "fullmatch", Kind::Full)
}
fn module_sub(vm: &mut Vm, args: Args, with_n: bool) -> PyResult<Value> {
    let name = if with_n { "subn" } else { "sub" };
    let p = need(vm, args.arg(0, "pattern"), name, "pattern")?.clone();
    let r = need(vm, args.arg(1, "repl"), name, "repl")?.clone();
    let s = need(vm, args.arg(2, "string"), name, "string")?.clone();
    let count = int_arg(vm, args.arg(3, "count"), 0)?;
    let f = flags_arg(vm, args.arg(4, "flags"))?;
    let pv = compile_value(vm, &p, f)?;
    do_sub(vm, &pv, &r, &s, count, with_n)
}
fn re_sub(vm: &mut Vm, args: Args) -> PyResult<Value> {
    module_sub(vm, args, false)
}
fn re_subn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    module_sub(vm, args, true)
}
fn re_split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = need(vm, args.arg(0, "pattern"), "split", "pattern")?.clone();
    let s = need(vm, args.arg(1, "string"), "split", "string")?.clone();
    let n = int_arg(vm, args.arg(2, "maxsplit"), 0)?;
    let f = flags_arg(vm, args.arg(3, "flags"))?;
    let pv = compile_value(vm, &p, f)?;
    do_split(vm, &pv, &s, n)
}
fn re_findall(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = need(vm, args.arg(0, "pattern"), "findall", "pattern")?.clone();
    let s = need(vm, args.arg(1, "string"), "findall", "string")?.clone();
    let f = flags_arg(vm, args.arg(2, "flags"))?;
    let pv = compile_value(vm, &p, f)?;
    do_findall(vm, &pv, &s, None, None)
}
fn re_finditer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = need(vm, args.arg(0, "pattern"), "finditer", "pattern")?.clone();
    let s = need(vm, args.arg(1, "string"), "finditer", "string")?.clone();
    let f = flags_arg(vm, args.arg(2, "flags"))?;
    let pv = compile_value(vm, &p, f)?;
    do_finditer(vm, &pv, &s, None, None)
}
fn re_escape(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = need(vm, args.arg(0, "pattern"), "escape", "pattern")?.clone();
    const SPECIAL: &[u8] = b"()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c";
    if let Some(s) = p.as_str() {
        let mut out = String::with_capacity(s.s.len());
        for c in s.as_str().chars() {
            if (c as u32) < 128 && SPECIAL.contains(&(c as u8)) {
                out.push('\\');
            }
            out.push(c);
        }
        return Ok(Value::string(out));
    }
    let b = vm.bytes_of(&p)?;
    let mut out = Vec::with_capacity(b.len());
    for x in b {
        if SPECIAL.contains(&x) {
            out.push(b'\\');
        }
        out.push(x);
    }
    Ok(Value::bytes(out))
}
fn re_purge(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    if let Some(Value::Obj(o)) =
        vm.dict_get_str_opt(&vm.shared.native_classes, &Value::str(CACHE_KEY))
    {
        if let Obj::Dict(d) = &*o {
            *d.borrow_mut() = Dict::new();
        }
    }
    Ok(Value::None)
}

pub(crate) const PY_SRC: &str = r#"
class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = '%s at position %d' % (msg, pos)
            if isinstance(pattern, str):
                newline = '\n'
            else:
                newline = b'\n'
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = '%s (line %d, column %d)' % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)
error.__module__ = 're'

_flag_names = ((1, 'TEMPLATE'), (2, 'IGNORECASE'), (4, 'LOCALE'), (8, 'MULTILINE'),
               (16, 'DOTALL'), (32, 'UNICODE'), (64, 'VERBOSE'), (128, 'DEBUG'), (256, 'ASCII'))

class RegexFlag(int):
    def __repr__(self):
        v = int(self)
        if v == 0:
            return 're.NOFLAG'
        parts = []
        for bit, name in _flag_names:
            if v & bit:
                parts.append('re.' + name)
                v &= ~bit
        if v:
            parts.append(hex(v))
        return '|'.join(parts)
    __str__ = __repr__
    def __or__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) | int(other))
    __ror__ = __or__
    def __and__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) & int(other))
    __rand__ = __and__
    def __xor__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) ^ int(other))
    __rxor__ = __xor__
    def __invert__(self):
        return RegexFlag(~int(self) & 511)
RegexFlag.__module__ = 're'
"#;

pub fn init(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    let pc = pattern_class(vm);
    set_props(
        &pc,
        &[
            ("pattern", p_pattern),
            ("flags", p_flags),
            ("groups", p_groups),
            ("groupindex", p_groupindex),
        ],
    );
    let mc = match_class(vm);
    set_props(
        &mc,
        &[
            ("string", m_string),
            ("re", m_re),
            ("pos", m_pos),
            ("endpos", m_endpos),
            ("lastindex", m_lastindex),
            ("lastgroup", m_lastgroup),
            ("regs", m_regs),
        ],
    );
    d.set_str("Pattern", pc);
    d.set_str("Match", mc);
    let ns = Value::dict(Dict::new());
    let code = super::frozen::load(vm, "re")?;
    crate::vm::dict_set_str(&ns, Value::str("__name__"), Value::str("re"));
    vm.run_code(code, ns.clone(), ns.clone())?;
    if let Some(e) = vm.dict_get_str_opt(&ns, &Value::str("error")) {
        crate::vm::dict_set_str(&vm.shared.native_classes, Value::str(ERROR_KEY), e.clone());
        d.set_str("error", e);
    }
    let flags: &[(&str, u32)] = &[
        ("NOFLAG", 0),
        ("TEMPLATE", eng::FLAG_TEMPLATE),
        ("T", eng::FLAG_TEMPLATE),
        ("IGNORECASE", eng::FLAG_I),
        ("I", eng::FLAG_I),
        ("LOCALE", eng::FLAG_L),
        ("L", eng::FLAG_L),
        ("MULTILINE", eng::FLAG_M),
        ("M", eng::FLAG_M),
        ("DOTALL", eng::FLAG_S),
        ("S", eng::FLAG_S),
        ("UNICODE", eng::FLAG_U),
        ("U", eng::FLAG_U),
        ("VERBOSE", eng::FLAG_X),
        ("X", eng::FLAG_X),
        ("DEBUG", eng::FLAG_DEBUG),
        ("ASCII", eng::FLAG_A),
        ("A", eng::FLAG_A),
    ];
    let rf = vm.dict_get_str_opt(&ns, &Value::str("RegexFlag"));
    for (n, v) in flags {
        let fv = match &rf {
            Some(c) => vm.call(c, &[Value::Int(*v as i64)])?,
            None => Value::Int(*v as i64),
        };
        d.set_str(n, fv);
    }
    if let Some(c) = rf {
        d.set_str("RegexFlag", c);
    }
    add_fns(
        d,
        &[
            ("compile", re_compile),
            ("match", re_match),
            ("search", re_search),
            ("fullmatch", re_fullmatch),
            ("sub", re_sub),
            ("subn", re_subn),
            ("split", re_split),
            ("findall", re_findall),
            ("finditer", re_finditer),
            ("escape", re_escape),
            ("purge", re_purge),
        ],
    );
    Ok(())
}
