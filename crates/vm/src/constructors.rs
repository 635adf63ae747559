//! Calling a builtin type: `int("12")`, `list(it)`, `dict(a=1)`, `range(3)`, ...

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;

use num_bigint::BigInt;

use crate::dict::Dict;
use crate::types::{self, TypeId};
use crate::value::*;
use crate::vm::{PyResult, Vm};

fn no_kw(vm: &mut Vm, kw: &[(Value, Value)], name: &str) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    Ok(())
}

pub fn construct(
    vm: &mut Vm,
    t: TypeId,
    cls: &Value,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Value> {
    let a0 = args.first();
    match t {
        TypeId::Object => {
            if !args.is_empty() {
                return Err(vm.type_error("object() takes no arguments"));
            }
            types::object_new(vm, cls, &[])
        }
        TypeId::Type => {
            if args.len() == 1 {
                return Ok(vm.type_of(&args[0]));
            }
            if args.len() == 3 {
                let name = args[0].clone();
                let bases = args[1].as_tuple().map(|t| t.to_vec()).unwrap_or_default();
                let ns = match &args[2] {
                    Value::Obj(o) => match &**o {
                        Obj::Dict(d) => d.borrow().clone(),
                        _ => Dict::new(),
                    },
                    _ => Dict::new(),
                };
                return types::new_class(vm, name, bases, ns);
            }
            Err(vm.type_error("type() takes 1 or 3 arguments"))
        }
        TypeId::NoneType => Ok(Value::None),
        TypeId::Bool => match a0 {
            None => Ok(Value::Bool(false)),
            Some(v) => Ok(Value::Bool(vm.truthy(v)?)),
        },
        TypeId::Int => {
            let base = args.get(1).cloned().or_else(|| {
                kw.iter()
                    .find(|(k, _)| k.as_str().map(|s| s.as_str()) == Some("base"))
                    .map(|(_, v)| v.clone())
            });
            match a0 {
                None => Ok(Value::Int(0)),
                Some(v) => int_from(vm, v, base),
            }
        }
        TypeId::Float => match a0 {
            None => Ok(Value::Float(0.0)),
            Some(v) => {
                if let Some(s) = v.as_str() {
                    return parse_float(vm, s.as_str()).map(Value::Float);
                }
                if let Value::Obj(o) = v {
                    if let Obj::Bytes(b) = &**o {
                        let s: String = b.iter().map(|&c| c as char).collect();
                        return parse_float(vm, &s).map(Value::Float);
                    }
                }
                Ok(Value::Float(vm.to_f64(v)?))
            }
        },
        TypeId::Complex => {
            let re = match a0 {
                None => 0.0,
                Some(v) => {
                    if let Some(s) = v.as_str() {
                        return parse_complex(vm, s.as_str());
                    }
                    if let Value::Obj(o) = v {
                        if let Obj::Complex(r, i) = &**o {
                            let (r, i) = (*r, *i);
                            let (br, bi) = match args.get(1) {
                                Some(b) => complex_parts(vm, b)?,
                                None => (0.0, 0.0),
                            };
                            return Ok(Value::obj(Obj::Complex(r - bi, i + br)));
                        }
                    }
                    vm.to_f64(v)?
                }
            };
            let (br, bi) = match args.get(1) {
                Some(b) => complex_parts(vm, b)?,
                None => (0.0, 0.0),
            };
            Ok(Value::obj(Obj::Complex(re - bi, br)))
        }
        TypeId::Str => {
            match a0 {
                None => Ok(Value::str("")),
                Some(v) => {
                    if args.len() >= 2 || !kw.is_empty() {
                        // str(bytes, encoding[, errors])
                        let b = vm.bytes_of(v)?;
                        return match String::from_utf8(b) {
                            Ok(s) => Ok(Value::string(s)),
                            Err(_) => Err(vm.err(TypeId::UnicodeDecodeError, "invalid utf-8")),
                        };
                    }
                    vm.to_str(v)
                }
            }
        }
        TypeId::Bytes | TypeId::ByteArray => {
            let data = match a0 {
                None => Vec::new(),
                Some(v) => match v {
                    Value::Int(n) => {
                        if *n < 0 {
                            return Err(vm.value_error("negative count"));
                        }
                        vm.check_alloc(*n as usize)?;
                        vec![0u8; *n as usize]
                    }
                    _ => {
                        if let Some(s) = v.as_str() {
                            if args.len() < 2 && kw.is_empty() {
                                return Err(vm.type_error("string argument without an encoding"));
                            }
                            s.as_str().as_bytes().to_vec()
                        } else {
                            vm.bytes_of(v)?
                        }
                    }
                },
            };
            Ok(if t == TypeId::Bytes {
                Value::bytes(data)
            } else {
                Value::obj(Obj::ByteArray(RefCell::new(data)))
            })
        }
        TypeId::MemoryView => {
            let v = match a0 {
                Some(v) => v.clone(),
                None => return Err(vm.type_error("memoryview() missing required argument")),
            };
            let len = match &v {
                Value::Obj(o) => match &**o {
                    Obj::Bytes(b) => b.len(),
                    Obj::ByteArray(b) => b.borrow().len(),
                    Obj::MemoryView(m) => {
                        return Ok(Value::obj(Obj::MemoryView(MemView {
                            obj: m.obj.clone(),
                            start: m.start,
                            len: m.len,
                        })))
                    }
                    _ => vm.bytes_of(&v)?.len(),
                },
                _ => return Err(vm.type_error("memoryview: a bytes-like object is required")),
            };
            Ok(Value::obj(Obj::MemoryView(MemView {
                obj: v,
                start: 0,
                len,
            })))
        }
        TypeId::Tuple => {
            no_kw(vm, kw, "tuple")?;
            match a0 {
                None => Ok(Value::tuple(Vec::new())),
                Some(v) => {
                    if v.as_tuple().is_some() {
                        return Ok(v.clone());
                    }
                    let items = vm.to_vec(v)?;
                    Ok(Value::tuple(items))
                }
            }
        }
        TypeId::List => {
            no_kw(vm, kw, "list")?;
            match a0 {
                None => Ok(Value::list(Vec::new())),
                Some(v) => {
                    let items = vm.to_vec(v)?;
                    Ok(Value::list(items))
                }
            }
        }
        TypeId::Dict => {
            let d = Value::dict(Dict::new());
            if let Some(v) = a0 {
                dict_update_from(vm, &d, v)?;
            }
            for (k, v) in kw {
                vm.dict_set(&d, k.clone(), v.clone())?;
            }
            Ok(d)
        }
        TypeId::Set | TypeId::FrozenSet => {
            let items = match a0 {
                None => Vec::new(),
                Some(v) => vm.to_vec(v)?,
            };
            let s = vm.new_set(&items)?;
            if t == TypeId::FrozenSet {
                let d = match &s {
                    Value::Obj(o) => match &**o {
                        Obj::Set(d) => d.borrow().clone(),
                        _ => Dict::new(),
                    },
                    _ => Dict::new(),
                };
                return Ok(Value::obj(Obj::FrozenSet(d)));
            }
            Ok(s)
        }
        TypeId::Range => {
            let ints: Vec<i64> = {
                let mut v = Vec::new();
                for a in args {
                    match a {
                        Value::Obj(o) if matches!(&**o, Obj::BigInt(_)) => {
                            return Err(vm.overflow_error("range arguments too large"));
                        }
                        _ => {}
                    }
                    match vm.index_of(a)? {
                        Some(i) => v.push(i),
                        None => {
                            let tn = vm.type_name(a);
                            return Err(vm.type_error(format!(
                                "'{}' object cannot be interpreted as an integer",
                                tn
                            )));
                        }
                    }
                }
                v
            };
            let (a, b, c) = match ints.len() {
                1 => (0, ints[0], 1),
                2 => (ints[0], ints[1], 1),
                3 => (ints[0], ints[1], ints[2]),
                _ => return Err(vm.type_error("range expected 1 to 3 arguments")),
            };
            if c == 0 {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            Ok(Value::obj(Obj::Range(a, b, c)))
        }
        TypeId::Slice => {
            let (a, b, c) = match args.len() {
                1 => (Value::None, args[0].clone(), Value::None),
                2 => (args[0].clone(), args[1].clone(), Value::None),
                3 => (args[0].clone(), args[1].clone(), args[2].clone()),
                _ => return Err(vm.type_error("slice expected 1 to 3 arguments")),
            };
            Ok(Value::obj(Obj::Slice(a, b, c)))
        }
        TypeId::Property => {
            let get = |i: usize, n: &str| {
                args.get(i)
                    .cloned()
                    .or_else(|| {
                        kw.iter()
                            .find(|(k, _)| k.as_str().map(|s| s.as_str()) == Some(n))
                            .map(|(_, v)| v.clone())
                    })
                    .unwrap_or(Value::None)
            };
            Ok(Value::obj(Obj::Property(
                get(0, "fget"),
                get(1, "fset"),
                get(2, "fdel"),
            )))
        }
        TypeId::ClassMethod => match a0 {
            Some(f) => Ok(Value::obj(Obj::ClassMethod(f.clone()))),
            None => Err(vm.type_error("classmethod expected 1 argument")),
        },
        TypeId::StaticMethod => match a0 {
            Some(f) => Ok(Value::obj(Obj::StaticMethod(f.clone()))),
            None => Err(vm.type_error("staticmethod expected 1 argument")),
        },
        TypeId::Super => crate::builtins::super_new(vm, args),
        TypeId::Enumerate => {
            let it = match args.first().or_else(|| {
                kw.iter()
                    .find(|(k, _)| vm.str_of(k) == "iterable")
                    .map(|(_, v)| v)
            }) {
                Some(v) => v.clone(),
                None => {
                    return Err(vm.type_error("enumerate() missing required argument 'iterable'"))
                }
            };
            let start = args
                .get(1)
                .cloned()
                .or_else(|| {
                    kw.iter()
                        .find(|(k, _)| vm.str_of(k) == "start")
                        .map(|(_, v)| v.clone())
                })
                .unwrap_or(Value::Int(0));
            let it = vm.get_iter(&it)?;
            Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Enumerate {
                it,
                n: start,
            }))))
        }
        TypeId::Zip => {
            let mut its = Vec::with_capacity(args.len());
            for a in args {
                its.push(vm.get_iter(a)?);
            }
            Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Zip { its }))))
        }
        TypeId::Map => {
            if args.len() < 2 {
                return Err(vm.type_error("map() must have at least two arguments"));
            }
            let mut its = Vec::with_capacity(args.len() - 1);
            for a in &args[1..] {
                its.push(vm.get_iter(a)?);
            }
            Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Map {
                func: args[0].clone(),
                its,
            }))))
        }
        TypeId::Filter => {
            if args.len() != 2 {
                return Err(vm.type_error("filter expected 2 arguments"));
            }
            let it = vm.get_iter(&args[1])?;
            Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Filter {
                func: args[0].clone(),
                it,
            }))))
        }
        TypeId::Reversed => {
            let v = match a0 {
                Some(v) => v.clone(),
                None => return Err(vm.type_error("reversed expected 1 argument")),
            };
            if let Some(m) = vm.lookup_special(&v, "__reversed__") {
                return vm.call(&m, &[v]);
            }
            if let Value::Obj(o) = &v {
                if let Obj::Range(a, _, c) = &**o {
                    let n = crate::ops::range_len(o);
                    let last = a + (n - 1) * c;
                    return Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Range {
                        cur: last,
                        stop: a - c,
                        step: -c,
                    }))));
                }
                if matches!(&**o, Obj::Dict(_) | Obj::Set(_)) {
                    let t = vm.type_name(&v);
                    return Err(vm.type_error(format!("'{}' object isn't reversible", t)));
                }
            }
            let n = vm.len(&v)?;
            Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Reversed {
                seq: v,
                idx: n,
            }))))
        }
        _ => {
            let n = types::class_name(cls);
            Err(vm.type_error(format!("cannot create '{}' instances", n)))
        }
    }
}

fn complex_parts(vm: &mut Vm, v: &Value) -> PyResult<(f64, f64)> {
    if let Value::Obj(o) = v {
        if let Obj::Complex(r, i) = &**o {
            return Ok((*r, *i));
        }
    }
    Ok((vm.to_f64(v)?, 0.0))
}

pub fn dict_update_from(vm: &mut Vm, d: &Value, v: &Value) -> PyResult<()> {
    let is_map = match v {
        Value::Obj(o) => matches!(&**o, Obj::Dict(_)) || vm.lookup_special(v, "keys").is_some(),
        _ => false,
    };
    if is_map {
        for (k, x) in vm.mapping_items(v)? {
            vm.dict_set(d, k, x)?;
        }
        return Ok(());
    }
    let items = vm.to_vec(v)?;
    for (i, item) in items.iter().enumerate() {
        let pair = vm.to_vec(item)?;
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{} has length {}; 2 is required",
                i,
                pair.len()
            )));
        }
        vm.dict_set(d, pair[0].clone(), pair[1].clone())?;
    }
    Ok(())
}

/// `int(x)` / `int(s, base)`
pub fn int_from(vm: &mut Vm, v: &Value, base: Option<Value>) -> PyResult<Value> {
    if let Some(s) = v.as_str() {
        let b = match &base {
            Some(b) => vm.to_i64(b)?,
            None => 10,
        };
        return parse_int(vm, s.as_str(), b);
    }
    if let Value::Obj(o) = v {
        match &**o {
            Obj::Bytes(bs) => {
                let s: String = bs.iter().map(|&c| c as char).collect();
                let b = match &base {
                    Some(b) => vm.to_i64(b)?,
                    None => 10,
                };
                return parse_int(vm, &s, b);
            }
            Obj::ByteArray(bs) => {
                let s: String = bs.borrow().iter().map(|&c| c as char).collect();
                let b = match &base {
                    Some(b) => vm.to_i64(b)?,
                    None => 10,
                };
                return parse_int(vm, &s, b);
            }
            _ => {}
        }
    }
    if base.is_some() {
        return Err(vm.type_error("int() can't convert non-string with explicit base"));
    }
    match v {
        Value::Int(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => crate::numeric::float_to_int(vm, *f),
        Value::Obj(o) => {
            match &**o {
                Obj::BigInt(_) => Ok(v.clone()),
                Obj::Instance(_) | Obj::Native(_) => {
                    for name in ["__int__", "__index__", "__trunc__"] {
                        if let Some(m) = vm.lookup_special(v, name) {
                            if !matches!(&m, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_))) {
                                return vm.call(&m, core::slice::from_ref(v));
                            }
                        }
                    }
                    let b = vm.base_value(v);
                    if !b.is(v) {
                        return int_from(vm, &b, None);
                    }
                    let t = vm.type_name(v);
                    Err(vm.type_error(format!("int() argument must be a string, a bytes-like object or a number, not '{}'", t)))
                }
                _ => {
                    let t = vm.type_name(v);
                    Err(vm.type_error(format!("int() argument must be a string, a bytes-like object or a number, not '{}'", t)))
                }
            }
        }
        _ => Err(vm.type_error("int() argument must be a string or a number")),
    }
}

pub fn parse_int(vm: &mut Vm, s: &str, base: i64) -> PyResult<Value> {
    let bad = |vm: &mut Vm| {
        let r = crate::format::str_repr(s);
        vm.value_error(format!(
            "invalid literal for int() with base {}: {}",
            base, r
        ))
    };
    if base != 0 && !(2..=36).contains(&base) {
        return Err(vm.value_error("int() arg 2 must be >= 2 and <= 36"));
    }
    let t = s.trim();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    let (mut base, mut digits) = (base as u32, lower.as_str());
    let prefixed = |d: &str, p: &str| d.starts_with(p);
    if base == 0 || base == 16 || base == 8 || base == 2 {
        let (b, p) = if prefixed(digits, "0x") {
            (16, 2)
        } else if prefixed(digits, "0o") {
            (8, 2)
        } else if prefixed(digits, "0b") {
            (2, 2)
        } else {
            (if base == 0 { 10 } else { base }, 0)
        };
        if p > 0 && (base == 0 || base == b) {
            base = b;
            digits = &digits[p..];
            if let Some(rest) = digits.strip_prefix('_') {
                digits = rest;
            }
        } else if base == 0 {
            base = 10;
            if digits.len() > 1
                && digits.starts_with('0')
                && digits.chars().any(|c| c != '0' && c != '_')
            {
                return Err(bad(vm));
            }
        }
    }
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return Err(bad(vm));
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if !clean.chars().all(|c| c.is_digit(base)) {
        return Err(bad(vm));
    }
    if clean.len() > 1_000_000 {
        return Err(vm.value_error("int string too long"));
    }
    if clean.len() <= 15 || (base <= 10 && clean.len() <= 18) {
        if let Ok(i) = i64::from_str_radix(&clean, base) {
            return Ok(Value::Int(if neg { -i } else { i }));
        }
    }
    match BigInt::parse_bytes(clean.as_bytes(), base) {
        Some(b) => Ok(Value::bigint(if neg { -b } else { b })),
        None => Err(bad(vm)),
    }
}

pub fn parse_float(vm: &mut Vm, s: &str) -> PyResult<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (sign, body) = match lower.as_bytes().first() {
        Some(b'-') => (-1.0, &lower[1..]),
        Some(b'+') => (1.0, &lower[1..]),
        _ => (1.0, lower.as_str()),
    };
    match body {
        "inf" | "infinity" => return Ok(sign * f64::INFINITY),
        "nan" => return Ok(f64::NAN),
        _ => {}
    }
    let clean: String = if body.contains('_') {
        if body.starts_with('_') || body.ends_with('_') || body.contains("__") {
            return Err(vm.value_error(format!(
                "could not convert string to float: {}",
                crate::format::str_repr(s)
            )));
        }
        body.chars().filter(|&c| c != '_').collect()
    } else {
        body.to_string()
    };
    let ok_chars = !clean.is_empty()
        && !clean.starts_with(['+', '-'])
        && clean
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-'));
    match clean.parse::<f64>() {
        Ok(f) if ok_chars => Ok(sign * f),
        _ => Err(vm.value_error(format!(
            "could not convert string to float: {}",
            crate::format::str_repr(s)
        ))),
    }
}

fn parse_complex(vm: &mut Vm, s: &str) -> PyResult<Value> {
    let t: String = s
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let err = |vm: &mut Vm| vm.value_error("complex() arg is a malformed string");
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // find the split between real and imaginary parts
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-')
                && bytes[i - 1] != b'e'
                && bytes[i - 1] != b'E'
            {
                split = Some(i);
                break;
            }
        }
        let (re, im) = match split {
            Some(i) => (&body[..i], &body[i..]),
            None => ("", body),
        };
        let im = match im {
            "" | "+" => 1.0,
            "-" => -1.0,
            x => parse_float(vm, x).map_err(|_| err(vm))?,
        };
        let re = if re.is_empty() {
            0.0
        } else {
            parse_float(vm, re).map_err(|_| err(vm))?
        };
        return Ok(Value::obj(Obj::Complex(re, im)));
    }
    let re = parse_float(vm, &t).map_err(|_| err(vm))?;
    Ok(Value::obj(Obj::Complex(re, 0.0)))
}
