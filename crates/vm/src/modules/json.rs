//! `json`: dumps/dump/loads/load. Encoder and decoder are iterative (explicit stacks), so
//! deeply nested input never grows the Rust stack; nesting is bounded by the recursion limit.

use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::dict::Dict;
use crate::types::TypeId;
use crate::value::*;
use crate::vm::{PyErr, PyResult, Vm};

use super::add_fns;

pub fn init(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    add_fns(
        d,
        &[
            ("dumps", dumps),
            ("dump", dump),
            ("loads", loads),
            ("load", load),
        ],
    );
    let cls = decode_error_class(vm)?;
    d.set_str("JSONDecodeError", cls);
    Ok(())
}

pub(crate) const ERR_SRC: &str = "
class JSONDecodeError(ValueError):
    def __init__(self, msg, doc, pos):
        lineno = doc.count('\\n', 0, pos) + 1
        colno = pos - doc.rfind('\\n', 0, pos)
        ValueError.__init__(self, '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno
JSONDecodeError.__module__ = 'json'
";

fn decode_error_class(vm: &mut Vm) -> PyResult<Value> {
    let key = Value::str("json.JSONDecodeError");
    if let Some(c) = vm.dict_get_str_opt(&vm.shared.native_classes, &key) {
        return Ok(c);
    }
    let code = super::frozen::load(vm, "json")?;
    let mut g = Dict::new();
    g.set_str("__name__", Value::str("json"));
    let ns = Value::dict(g);
    vm.run_code(code, ns.clone(), ns.clone())?;
    let cls = vm
        .dict_get_str_opt(&ns, &Value::str("JSONDecodeError"))
        .unwrap_or(Value::None);
    crate::vm::dict_set_str(&vm.shared.native_classes, key, cls.clone());
    Ok(cls)
}

fn depth_limit(vm: &Vm) -> usize {
    vm.shared.recursion_limit.get().clamp(1, 100_000)
}

// ---------------------------------------------------------------------- encoder

struct Enc {
    out: String,
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    sort_keys: bool,
    skipkeys: bool,
    ensure_ascii: bool,
    allow_nan: bool,
    default: Option<Value>,
}

enum Frame {
    Seq {
        items: Vec<Value>,
        idx: usize,
        id: *const Obj,
    },
    Map {
        items: Vec<(String, Value)>,
        idx: usize,
        id: *const Obj,
    },
    /// an object replaced by `default(obj)`: kept on the stack for cycle detection
    Default { id: *const Obj },
}

impl Frame {
    fn id(&self) -> *const Obj {
        match self {
            Frame::Seq { id, .. } | Frame::Map { id, .. } | Frame::Default { id } => *id,
        }
    }
}

/// A JSON string literal (also used by the page's explorer for its results).
pub fn write_str(out: &mut String, s: &str, ensure_ascii: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if ensure_ascii && (c as u32) > 0x7e => {
                let n = c as u32;
                if n >= 0x10000 {
                    let v = n - 0x10000;
                    let hi = 0xd800 | (v >> 10);
                    let lo = 0xdc00 | (v & 0x3ff);
                    out.push_str(&format!("\\u{:04x}\\u{:04x}", hi, lo));
                } else {
                    out.push_str(&format!("\\u{:04x}", n));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn float_text(vm: &mut Vm, enc: &Enc, f: f64) -> PyResult<String> {
    if f.is_finite() {
        return Ok(crate::format::float_repr(f));
    }
    if !enc.allow_nan {
        return Err(vm.value_error("Out of range float values are not JSON compliant"));
    }
    Ok(String::from(if f.is_nan() {
        "NaN"
    } else if f > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }))
}

fn obj_id(v: &Value) -> *const Obj {
    match v {
        Value::Obj(o) => Rc::as_ptr(o),
        _ => core::ptr::null(),
    }
}

/// The text of a dict key, or None to skip it.
fn key_text(vm: &mut Vm, enc: &Enc, k: &Value) -> PyResult<Option<String>> {
    let b = vm.base_value(k);
    if let Some(s) = b.as_str() {
        return Ok(Some(String::from(s.as_str())));
    }
    match &b {
        Value::Bool(true) => return Ok(Some(String::from("true"))),
        Value::Bool(false) => return Ok(Some(String::from("false"))),
        Value::None => return Ok(Some(String::from("null"))),
        Value::Int(i) => return Ok(Some(format!("{}", i))),
        Value::Float(f) => return float_text(vm, enc, *f).map(Some),
        Value::Obj(o) => {
            if let Obj::BigInt(_) = &**o {
                return vm.repr_string(&b).map(Some);
            }
        }
        _ => {}
    }
    if enc.skipkeys {
        return Ok(None);
    }
    let t = vm.type_name(k);
    Err(vm.type_error(format!(
        "keys must be str, int, float, bool or None, not {}",
        t
    )))
}

fn newline(enc: &mut Enc, depth: usize) {
    if let Some(ind) = &enc.indent {
        enc.out.push('\n');
        for _ in 0..depth {
            enc.out.push_str(ind);
        }
    }
}

fn encode(vm: &mut Vm, enc: &mut Enc, top: &Value) -> PyResult<()> {
    let limit = depth_limit(vm);
    let mut stack: Vec<Frame> = Vec::new();
    let mut depth = 0usize; // open containers
    let mut cur: Option<Value> = Some(top.clone());
    loop {
        if let Some(v) = cur.take() {
            let b = vm.base_value(&v);
            match &b {
                Value::None => enc.out.push_str("null"),
                Value::Bool(true) => enc.out.push_str("true"),
                Value::Bool(false) => enc.out.push_str("false"),
                Value::Int(i) => enc.out.push_str(&format!("{}", i)),
                Value::Float(f) => {
                    let t = float_text(vm, enc, *f)?;
                    enc.out.push_str(&t);
                }
                Value::Obj(o) => match &**o {
                    Obj::Str(s) => write_str(&mut enc.out, s.as_str(), enc.ensure_ascii),
                    Obj::BigInt(_) => {
                        let t = vm.repr_string(&b)?;
                        enc.out.push_str(&t);
                    }
                    Obj::List(_) | Obj::Tuple(_) | Obj::Dict(_) => {
                        let id = obj_id(&v);
                        if stack.iter().any(|f| f.id() == id) {
                            return Err(vm.value_error("Circular reference detected"));
                        }
                        if depth >= limit {
                            return Err(vm.err(
                                TypeId::RecursionError,
                                "maximum recursion depth exceeded while encoding a JSON object",
                            ));
                        }
                        if let Obj::Dict(d) = &**o {
                            let mut pairs = d.borrow().items();
                            if enc.sort_keys {
                                pairs = sort_pairs(vm, pairs)?;
                            }
                            let mut items = Vec::with_capacity(pairs.len());
                            for (k, val) in pairs {
                                if let Some(t) = key_text(vm, enc, &k)? {
                                    items.push((t, val));
                                }
                            }
                            if items.is_empty() {
                                enc.out.push_str("{}");
                            } else {
                                enc.out.push('{');
                                depth += 1;
                                stack.push(Frame::Map { items, idx: 0, id });
                            }
                        } else {
                            let items = match &**o {
                                Obj::List(l) => l.borrow().clone(),
                                Obj::Tuple(t) => t.to_vec(),
                                _ => Vec::new(),
                            };
                            if items.is_empty() {
                                enc.out.push_str("[]");
                            } else {
                                enc.out.push('[');
                                depth += 1;
                                stack.push(Frame::Seq { items, idx: 0, id });
                            }
                        }
                    }
                    _ => {
                        let d = match &enc.default {
                            Some(d) => d.clone(),
                            None => {
                                let t = vm.type_name(&v);
                                return Err(vm.type_error(format!(
                                    "Object of type {} is not JSON serializable",
                                    t
                                )));
                            }
                        };
                        let id = obj_id(&v);
                        if stack.iter().any(|f| f.id() == id) {
                            return Err(vm.value_error("Circular reference detected"));
                        }
                        if stack.len() >= limit {
                            return Err(vm.err(
                                TypeId::RecursionError,
                                "maximum recursion depth exceeded while encoding a JSON object",
                            ));
                        }
                        let r = vm.call(&d, core::slice::from_ref(&v))?;
                        stack.push(Frame::Default { id });
                        cur = Some(r);
                        continue;
                    }
                },
                _ => {
                    let t = vm.type_name(&v);
                    return Err(
                        vm.type_error(format!("Object of type {} is not JSON serializable", t))
                    );
                }
            }
            if enc.out.len() > (1 << 20) && enc.out.len() & 0xffff < 16 {
                vm.check_alloc(enc.out.len())?;
            }
        }
        // advance the innermost open container
        let top = match stack.last_mut() {
            Some(t) => t,
            None => break,
        };
        match top {
            Frame::Default { .. } => {
                stack.pop();
            }
            Frame::Seq { items, idx, .. } => {
                if *idx < items.len() {
                    let v = core::mem::take(&mut items[*idx]);
                    let first = *idx == 0;
                    *idx += 1;
                    if !first {
                        let sep = enc.item_sep.clone();
                        enc.out.push_str(&sep);
                    }
                    newline(enc, depth);
                    cur = Some(v);
                } else {
                    stack.pop();
                    depth -= 1;
                    newline(enc, depth);
                    enc.out.push(']');
                }
            }
            Frame::Map { items, idx, .. } => {
                if *idx < items.len() {
                    let (k, v) = core::mem::take(&mut items[*idx]);
                    let first = *idx == 0;
                    *idx += 1;
                    if !first {
                        let sep = enc.item_sep.clone();
                        enc.out.push_str(&sep);
                    }
                    newline(enc, depth);
                    let ea = enc.ensure_ascii;
                    write_str(&mut enc.out, &k, ea);
                    let ks = enc.key_sep.clone();
                    enc.out.push_str(&ks);
                    cur = Some(v);
                } else {
                    stack.pop();
                    depth -= 1;
                    newline(enc, depth);
                    enc.out.push('}');
                }
            }
        }
    }
    Ok(())
}

fn sort_pairs(vm: &mut Vm, pairs: Vec<(Value, Value)>) -> PyResult<Vec<(Value, Value)>> {
    let keys: Vec<Value> = pairs.iter().map(|(k, _)| k.clone()).collect();
    let sorted = match crate::methods::sort_values(vm, keys, &Value::None, false) {
        Ok(s) => s,
        Err((e, _)) => return Err(e),
    };
    // keys are unique: map each sorted key back to its pair by identity
    let mut out = Vec::with_capacity(pairs.len());
    let mut used = vec![false; pairs.len()];
    for k in sorted {
        for (i, (pk, pv)) in pairs.iter().enumerate() {
            if !used[i] && pk.is(&k) {
                used[i] = true;
                out.push((pk.clone(), pv.clone()));
                break;
            }
        }
    }
    Ok(out)
}

fn opt_kw<'a>(args: &'a Args, name: &str) -> Option<&'a Value> {
    args.kwarg(name).filter(|v| !v.is_none())
}

fn make_enc(vm: &mut Vm, args: &Args) -> PyResult<Enc> {
    for (k, _) in args.kw {
        let n = vm.str_of(k);
        if !matches!(
            n.as_str(),
            "skipkeys"
                | "ensure_ascii"
                | "check_circular"
                | "allow_nan"
                | "cls"
                | "indent"
                | "separators"
                | "default"
                | "sort_keys"
        ) {
            return Err(vm.type_error(format!(
                "dumps() got an unexpected keyword argument '{}'",
                n
            )));
        }
    }
    let indent = match opt_kw(args, "indent") {
        None => None,
        Some(v) => match v.as_str() {
            Some(s) => Some(String::from(s.as_str())),
            None => {
                let n = vm.to_i64(v)?;
                Some(" ".repeat(n.clamp(0, 1 << 16) as usize))
            }
        },
    };
    let (item_sep, key_sep) = match opt_kw(args, "separators") {
        Some(v) => {
            let t = vm.to_vec(v)?;
            if t.len() != 2 {
                return Err(vm.value_error("separators must be a (item_sep, key_sep) pair"));
            }
            let a = t[0].as_str().map(|s| String::from(s.as_str()));
            let b = t[1].as_str().map(|s| String::from(s.as_str()));
            match (a, b) {
                (Some(a), Some(b)) => (a, b),
                _ => return Err(vm.type_error("separators must be strings")),
            }
        }
        None => (
            String::from(if indent.is_some() { "," } else { ", " }),
            String::from(": "),
        ),
    };
    let flag = |vm: &mut Vm, name: &str, dflt: bool| -> PyResult<bool> {
        match args.kwarg(name) {
            Some(v) => vm.truthy(v),
            None => Ok(dflt),
        }
    };
    Ok(Enc {
        out: String::new(),
        indent,
        item_sep,
        key_sep,
        sort_keys: flag(vm, "sort_keys", false)?,
        skipkeys: flag(vm, "skipkeys", false)?,
        ensure_ascii: flag(vm, "ensure_ascii", true)?,
        allow_nan: flag(vm, "allow_nan", true)?,
        default: opt_kw(args, "default").cloned(),
    })
}

fn dumps(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 1 {
        return Err(vm.type_error(format!(
            "dumps() takes 1 positional argument but {} were given",
            args.pos.len()
        )));
    }
    let mut enc = make_enc(vm, &args)?;
    encode(vm, &mut enc, &args.pos[0])?;
    Ok(Value::string(enc.out))
}

fn dump(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "dump() takes 2 positional arguments but {} were given",
            args.pos.len()
        )));
    }
    let mut enc = make_enc(vm, &args)?;
    encode(vm, &mut enc, &args.pos[0])?;
    let w = vm.get_attr(&args.pos[1], &Value::str("write"))?;
    vm.call(&w, &[Value::string(enc.out)])?;
    Ok(Value::None)
}

// ---------------------------------------------------------------------- decoder

struct Dec<'a> {
    s: &'a [u8],
    text: &'a str,
    doc: Value,
    object_hook: Option<Value>,
    pairs_hook: Option<Value>,
    parse_float: Option<Value>,
    parse_int: Option<Value>,
    parse_constant: Option<Value>,
    strict: bool,
}

enum Ctx {
    Arr(Vec<Value>),
    /// pairs so far and the key of the value being parsed
    Obj(Vec<(Value, Value)>, Value),
}

fn dec_error(vm: &mut Vm, d: &Dec, msg: &str, byte_pos: usize) -> PyErr {
    let bp = byte_pos.min(d.text.len());
    // char index (the text is valid UTF-8; count chars before the byte offset)
    let pos = d.text.as_bytes()[..bp]
        .iter()
        .filter(|b| (**b & 0xc0) != 0x80)
        .count();
    let cls = match decode_error_class(vm) {
        Ok(c) => c,
        Err(e) => return e,
    };
    match vm.call(
        &cls,
        &[Value::str(msg), d.doc.clone(), Value::Int(pos as i64)],
    ) {
        Ok(exc) => PyErr(exc),
        Err(e) => e,
    }
}

fn skip_ws(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

fn hex4(s: &[u8], i: usize) -> Option<u32> {
    let h = s.get(i..i + 4)?;
    let mut v = 0u32;
    for &c in h {
        v = v * 16 + (c as char).to_digit(16)?;
    }
    Some(v)
}

/// Parse a string whose opening quote is at `start`; returns (value, index after the quote).
fn parse_string(vm: &mut Vm, d: &Dec, start: usize) -> PyResult<(String, usize)> {
    let s = d.s;
    let mut out = String::new();
    let mut i = start + 1;
    loop {
        // copy a run of plain characters
        let run = i;
        while i < s.len() && s[i] != b'"' && s[i] != b'\\' && s[i] >= 0x20 {
            i += 1;
        }
        out.push_str(&d.text[run..i]);
        if i >= s.len() {
            return Err(dec_error(vm, d, "Unterminated string starting at", start));
        }
        match s[i] {
            b'"' => return Ok((out, i + 1)),
            b'\\' => {
                let c = match s.get(i + 1) {
                    Some(c) => *c,
                    None => return Err(dec_error(vm, d, "Unterminated string starting at", start)),
                };
                match c {
                    b'"' => out.push('"'),
                    b'\\' => out.push('\\'),
                    b'/' => out.push('/'),
                    b'b' => out.push('\u{8}'),
                    b'f' => out.push('\u{c}'),
                    b'n' => out.push('\n'),
                    b'r' => out.push('\r'),
                    b't' => out.push('\t'),
                    b'u' => {
                        let mut u = match hex4(s, i + 2) {
                            Some(u) => u,
                            None => return Err(dec_error(vm, d, "Invalid \\uXXXX escape", i + 1)),
                        };
                        i += 6;
                        if (0xd800..0xdc00).contains(&u)
                            && s.get(i) == Some(&b'\\')
                            && s.get(i + 1) == Some(&b'u')
                        {
                            match hex4(s, i + 2) {
                                Some(lo) if (0xdc00..0xe000).contains(&lo) => {
                                    u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                                    i += 6;
                                }
                                Some(_) => {}
                                None => {
                                    return Err(dec_error(vm, d, "Invalid \\uXXXX escape", i + 1))
                                }
                            }
                        }
                        // a lone surrogate cannot be held in a UTF-8 str: U+FFFD instead
                        out.push(char::from_u32(u).unwrap_or('\u{fffd}'));
                        continue;
                    }
                    _ => return Err(dec_error(vm, d, "Invalid \\escape", i)),
                }
                i += 2;
            }
            _ => {
                // control character
                if d.strict {
                    return Err(dec_error(vm, d, "Invalid control character at", i));
                }
                out.push(s[i] as char);
                i += 1;
            }
        }
    }
}

/// Parse a number at `i`; None when there is no number there.
fn parse_number(vm: &mut Vm, d: &Dec, i: usize) -> PyResult<Option<(Value, usize)>> {
    let s = d.s;
    let start = i;
    let mut j = i;
    if s.get(j) == Some(&b'-') {
        j += 1;
    }
    match s.get(j) {
        Some(b'0') => j += 1,
        Some(c) if c.is_ascii_digit() => {
            while j < s.len() && s[j].is_ascii_digit() {
                j += 1;
            }
        }
        _ => return Ok(None),
    }
    let mut is_float = false;
    if s.get(j) == Some(&b'.') && s.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
        is_float = true;
        j += 1;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
        }
    }
    if matches!(s.get(j), Some(b'e') | Some(b'E')) {
        let mut k = j + 1;
        if matches!(s.get(k), Some(b'+') | Some(b'-')) {
            k += 1;
        }
        if s.get(k).is_some_and(|c| c.is_ascii_digit()) {
            while k < s.len() && s[k].is_ascii_digit() {
                k += 1;
            }
            is_float = true;
            j = k;
        }
    }
    let text = &d.text[start..j];
    let v = if is_float {
        match &d.parse_float {
            Some(f) => {
                let f = f.clone();
                vm.call(&f, &[Value::str(text)])?
            }
            None => Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
        }
    } else {
        match &d.parse_int {
            Some(f) => {
                let f = f.clone();
                vm.call(&f, &[Value::str(text)])?
            }
            None => {
                if j - start <= 18 {
                    Value::Int(text.parse::<i64>().unwrap_or(0))
                } else {
                    crate::constructors::parse_int(vm, text, 10)?
                }
            }
        }
    };
    Ok(Some((v, j)))
}

fn constant(vm: &mut Vm, d: &Dec, name: &str, v: f64) -> PyResult<Value> {
    match &d.parse_constant {
        Some(f) => {
            let f = f.clone();
            vm.call(&f, &[Value::str(name)])
        }
        None => Ok(Value::Float(v)),
    }
}

fn finish_object(vm: &mut Vm, d: &Dec, pairs: Vec<(Value, Value)>) -> PyResult<Value> {
    if let Some(h) = &d.pairs_hook {
        let h = h.clone();
        let l: Vec<Value> = pairs
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect();
        return vm.call(&h, &[Value::list(l)]);
    }
    let dv = Value::dict(Dict::new());
    for (k, v) in pairs {
        vm.dict_set(&dv, k, v)?;
    }
    match &d.object_hook {
        Some(h) => {
            let h = h.clone();
            vm.call(&h, &[dv])
        }
        None => Ok(dv),
    }
}

fn decode(vm: &mut Vm, d: &Dec) -> PyResult<Value> {
    let s = d.s;
    let limit = depth_limit(vm);
    let mut stack: Vec<Ctx> = Vec::new();
    let mut i = skip_ws(s, 0);
    'value: loop {
        // ---- parse one value starting at i (containers open a context)
        let mut val: Value = match s.get(i) {
            Some(b'{') | Some(b'[') => {
                if stack.len() >= limit {
                    return Err(vm.err(
                        TypeId::RecursionError,
                        "maximum recursion depth exceeded while decoding a JSON document",
                    ));
                }
                let open = s[i];
                i = skip_ws(s, i + 1);
                if open == b'[' {
                    if s.get(i) == Some(&b']') {
                        i += 1;
                        Value::list(Vec::new())
                    } else {
                        stack.push(Ctx::Arr(Vec::new()));
                        continue 'value;
                    }
                } else if s.get(i) == Some(&b'}') {
                    i += 1;
                    finish_object(vm, d, Vec::new())?
                } else {
                    if s.get(i) != Some(&b'"') {
                        return Err(dec_error(
                            vm,
                            d,
                            "Expecting property name enclosed in double quotes",
                            i,
                        ));
                    }
                    let (k, j) = parse_string(vm, d, i)?;
                    i = skip_ws(s, j);
                    if s.get(i) != Some(&b':') {
                        return Err(dec_error(vm, d, "Expecting ':' delimiter", i));
                    }
                    i = skip_ws(s, i + 1);
                    stack.push(Ctx::Obj(Vec::new(), Value::string(k)));
                    continue 'value;
                }
            }
            Some(b'"') => {
                let (t, j) = parse_string(vm, d, i)?;
                i = j;
                Value::string(t)
            }
            Some(b'n') if s[i..].starts_with(b"null") => {
                i += 4;
                Value::None
            }
            Some(b't') if s[i..].starts_with(b"true") => {
                i += 4;
                Value::Bool(true)
            }
            Some(b'f') if s[i..].starts_with(b"false") => {
                i += 5;
                Value::Bool(false)
            }
            Some(b'N') if s[i..].starts_with(b"NaN") => {
                i += 3;
                constant(vm, d, "NaN", f64::NAN)?
            }
            Some(b'I') if s[i..].starts_with(b"Infinity") => {
                i += 8;
                constant(vm, d, "Infinity", f64::INFINITY)?
            }
            Some(b'-') if s[i..].starts_with(b"-Infinity") => {
                i += 9;
                constant(vm, d, "-Infinity", f64::NEG_INFINITY)?
            }
            _ => match parse_number(vm, d, i)? {
                Some((v, j)) => {
                    i = j;
                    v
                }
                None => return Err(dec_error(vm, d, "Expecting value", i)),
            },
        };
        // ---- hand the value to the enclosing containers, closing them as they end
        loop {
            match stack.last_mut() {
                None => {
                    let end = skip_ws(s, i);
                    if end != s.len() {
                        return Err(dec_error(vm, d, "Extra data", end));
                    }
                    return Ok(val);
                }
                Some(Ctx::Arr(items)) => {
                    items.push(val);
                    i = skip_ws(s, i);
                    match s.get(i) {
                        Some(b',') => {
                            i = skip_ws(s, i + 1);
                            continue 'value;
                        }
                        Some(b']') => {
                            i += 1;
                            let items = match stack.pop() {
                                Some(Ctx::Arr(items)) => items,
                                _ => Vec::new(),
                            };
                            val = Value::list(items);
                        }
                        _ => return Err(dec_error(vm, d, "Expecting ',' delimiter", i)),
                    }
                }
                Some(Ctx::Obj(pairs, key)) => {
                    let k = core::mem::take(key);
                    pairs.push((k, val));
                    i = skip_ws(s, i);
                    match s.get(i) {
                        Some(b',') => {
                            i = skip_ws(s, i + 1);
                            if s.get(i) != Some(&b'"') {
                                return Err(dec_error(
                                    vm,
                                    d,
                                    "Expecting property name enclosed in double quotes",
                                    i,
                                ));
                            }
                            let (k, j) = parse_string(vm, d, i)?;
                            i = skip_ws(s, j);
                            if s.get(i) != Some(&b':') {
                                return Err(dec_error(vm, d, "Expecting ':' delimiter", i));
                            }
                            i = skip_ws(s, i + 1);
                            if let Some(Ctx::Obj(_, key)) = stack.last_mut() {
                                *key = Value::string(k);
                            }
                            continue 'value;
                        }
                        Some(b'}') => {
                            i += 1;
                            let pairs = match stack.pop() {
                                Some(Ctx::Obj(pairs, _)) => pairs,
                                _ => Vec::new(),
                            };
                            val = finish_object(vm, d, pairs)?;
                        }
                        _ => return Err(dec_error(vm, d, "Expecting ',' delimiter", i)),
                    }
                }
            }
        }
    }
}

fn loads(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let src = match args.arg(0, "s") {
        Some(v) => v.clone(),
        None => return Err(vm.type_error("loads() missing 1 required positional argument: 's'")),
    };
    let src = vm.base_value(&src);
    if let Some(s) = src.as_str() {
        // the document is copied: on a board a big one may not fit twice
        vm.check_alloc(s.as_str().len())?;
    }
    let (text, doc) = match src.as_str() {
        Some(s) => (String::from(s.as_str()), src.clone()),
        None => match &src {
            Value::Obj(o) if matches!(&**o, Obj::Bytes(_) | Obj::ByteArray(_)) => {
                let b = vm.bytes_of(&src)?;
                let b = match b.strip_prefix(b"\xef\xbb\xbf") {
                    Some(rest) => rest.to_vec(),
                    None => b,
                };
                match String::from_utf8(b) {
                    Ok(t) => {
                        let doc = Value::str(&t);
                        (t, doc)
                    }
                    Err(_) => {
                        return Err(vm.err(
                            TypeId::UnicodeDecodeError,
                            "'utf-8' codec can't decode bytes: invalid utf-8",
                        ))
                    }
                }
            }
            _ => {
                let t = vm.type_name(&src);
                return Err(vm.type_error(format!(
                    "the JSON object must be str, bytes or bytearray, not {}",
                    t
                )));
            }
        },
    };
    if text.starts_with('\u{feff}') && src.as_str().is_some() {
        let d = Dec {
            s: text.as_bytes(),
            text: &text,
            doc: doc.clone(),
            object_hook: None,
            pairs_hook: None,
            parse_float: None,
            parse_int: None,
            parse_constant: None,
            strict: true,
        };
        return Err(dec_error(
            vm,
            &d,
            "Unexpected UTF-8 BOM (decode using utf-8-sig)",
            0,
        ));
    }
    let strict = match args.kwarg("strict") {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let d = Dec {
        s: text.as_bytes(),
        text: &text,
        doc,
        object_hook: opt_kw(&args, "object_hook").cloned(),
        pairs_hook: opt_kw(&args, "object_pairs_hook").cloned(),
        parse_float: opt_kw(&args, "parse_float").cloned(),
        parse_int: opt_kw(&args, "parse_int").cloned(),
        parse_constant: opt_kw(&args, "parse_constant").cloned(),
        strict,
    };
    decode(vm, &d)
}

fn load(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let fp = match args.arg(0, "fp") {
        Some(v) => v.clone(),
        None => return Err(vm.type_error("load() missing 1 required positional argument: 'fp'")),
    };
    let r = vm.get_attr(&fp, &Value::str("read"))?;
    let text = vm.call(&r, &[])?;
    let mut pos = vec![text];
    pos.extend_from_slice(args.pos.get(1..).unwrap_or(&[]));
    loads(
        vm,
        Args {
            pos: &pos,
            kw: args.kw,
        },
    )
}
