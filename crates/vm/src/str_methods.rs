//! Methods of `str`, `bytes` and `bytearray`.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;

use crate::types::{add_methods, TypeId, TypeTable};
use crate::value::*;
use crate::vm::{PyResult, Vm};

pub fn register(t: &TypeTable) {
    add_methods(
        t.get_ref(TypeId::Str),
        &[
            ("join", str_join),
            ("split", str_split),
            ("rsplit", str_rsplit),
            ("splitlines", str_splitlines),
            ("strip", str_strip),
            ("lstrip", str_lstrip),
            ("rstrip", str_rstrip),
            ("find", str_find),
            ("rfind", str_rfind),
            ("index", str_index),
            ("rindex", str_rindex),
            ("count", str_count),
            ("replace", str_replace),
            ("startswith", str_startswith),
            ("endswith", str_endswith),
            ("upper", str_upper),
            ("lower", str_lower),
            ("capitalize", str_capitalize),
            ("title", str_title),
            ("swapcase", str_swapcase),
            ("casefold", str_lower),
            ("isdigit", str_isdigit),
            ("isnumeric", str_isdigit),
            ("isdecimal", str_isdigit),
            ("isalpha", str_isalpha),
            ("isalnum", str_isalnum),
            ("isspace", str_isspace),
            ("isupper", str_isupper),
            ("islower", str_islower),
            ("isidentifier", str_isidentifier),
            ("istitle", str_istitle),
            ("isprintable", str_isprintable),
            ("isascii", str_isascii),
            ("partition", str_partition),
            ("rpartition", str_rpartition),
            ("center", str_center),
            ("ljust", str_ljust),
            ("rjust", str_rjust),
            ("zfill", str_zfill),
            ("format", str_format_m),
            ("format_map", str_format_map),
            ("encode", str_encode),
            ("expandtabs", str_expandtabs),
            ("removeprefix", str_removeprefix),
            ("removesuffix", str_removesuffix),
            ("__len__", str_len),
            ("__contains__", str_contains),
            ("__getitem__", str_getitem),
            ("__iter__", str_iter),
            ("__add__", str_add),
            ("__mod__", str_mod),
            ("__eq__", str_eq),
            ("__hash__", str_hash),
            ("__repr__", str_repr_m),
            ("__str__", str_str),
            ("__format__", str_format_dunder),
        ],
    );
    let bytes_methods: &[(&'static str, NativeFn)] = &[
        ("decode", bytes_decode),
        ("hex", bytes_hex),
        ("find", bytes_find),
        ("rfind", bytes_rfind),
        ("index", bytes_index),
        ("count", bytes_count),
        ("startswith", bytes_startswith),
        ("endswith", bytes_endswith),
        ("split", bytes_split),
        ("rsplit", bytes_rsplit),
        ("join", bytes_join),
        ("replace", bytes_replace),
        ("strip", bytes_strip),
        ("lstrip", bytes_lstrip),
        ("rstrip", bytes_rstrip),
        ("upper", bytes_upper),
        ("lower", bytes_lower),
        ("isdigit", bytes_isdigit),
        ("isalpha", bytes_isalpha),
        ("isspace", bytes_isspace),
        ("partition", bytes_partition),
        ("__len__", bytes_len),
    ];
    add_methods(t.get_ref(TypeId::Bytes), bytes_methods);
    add_methods(t.get_ref(TypeId::ByteArray), bytes_methods);
    add_methods(
        t.get_ref(TypeId::ByteArray),
        &[
            ("append", ba_append),
            ("extend", ba_extend),
            ("pop", ba_pop),
            ("clear", ba_clear),
            ("copy", ba_copy),
            ("insert", ba_insert),
            ("reverse", ba_reverse),
        ],
    );
    crate::types::add_classmethods(t.get_ref(TypeId::Bytes), &[("fromhex", bytes_fromhex)]);
    add_methods(
        t.get_ref(TypeId::MemoryView),
        &[("tobytes", mv_tobytes), ("hex", bytes_hex)],
    );
}

/// The receiver as a Rust String (str or str-subclass instance).
fn recv_str(vm: &mut Vm, args: &Args, name: &str) -> PyResult<String> {
    let v = match args.pos.first() {
        Some(v) => vm.base_value(v),
        None => return Err(vm.type_error(format!("{}() needs a str", name))),
    };
    match v.as_str() {
        Some(s) => Ok(s.as_str().to_string()),
        None => {
            let t = vm.type_name(&v);
            Err(vm.type_error(format!(
                "descriptor '{}' requires a 'str' object but received a '{}'",
                name, t
            )))
        }
    }
}

fn arg_str(vm: &mut Vm, v: &Value, what: &str) -> PyResult<String> {
    let b = vm.base_value(v);
    match b.as_str() {
        Some(s) => Ok(s.as_str().to_string()),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("{} must be str, not {}", what, t)))
        }
    }
}

fn opt_arg(args: &Args, i: usize, name: &str) -> Option<Value> {
    args.arg(i, name).cloned().filter(|v| !v.is_none())
}

/// Resolve optional start/end (char indices) against a length.
fn span(vm: &mut Vm, args: &Args, i: usize, len: usize) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let norm = |x: i64| if x < 0 { (x + n).max(0) } else { x.min(n) };
    let s = match opt_arg(args, i, "start") {
        Some(v) => norm(vm.to_i64(&v)?),
        None => 0,
    };
    let e = match opt_arg(args, i + 1, "end") {
        Some(v) => norm(vm.to_i64(&v)?),
        None => n,
    };
    Ok((s as usize, e as usize))
}

fn char_to_byte(s: &str, ci: usize) -> usize {
    s.char_indices().nth(ci).map(|(b, _)| b).unwrap_or(s.len())
}
fn byte_to_char(s: &str, bi: usize) -> usize {
    s[..bi].chars().count()
}

fn str_join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sep = recv_str(vm, &args, "join")?;
    let it = vm.arg(&args, 1, "join")?.clone();
    let items = vm.to_vec(&it)?;
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        let b = vm.base_value(x);
        match b.as_str() {
            Some(s) => out.push_str(s.as_str()),
            None => {
                let t = vm.type_name(x);
                return Err(vm.type_error(format!(
                    "sequence item {}: expected str instance, {} found",
                    i, t
                )));
            }
        }
    }
    Ok(Value::string(out))
}

fn split_impl(vm: &mut Vm, args: &Args, right: bool) -> PyResult<Value> {
    let s = recv_str(vm, args, "split")?;
    let sep = opt_arg(args, 1, "sep");
    let maxsplit = match opt_arg(args, 2, "maxsplit") {
        Some(v) => vm.to_i64(&v)?,
        None => -1,
    };
    let parts: Vec<String> = match sep {
        None => {
            let words: Vec<&str> = s.split_whitespace().collect();
            if maxsplit < 0 || (maxsplit as usize) >= words.len() {
                words.into_iter().map(|w| w.to_string()).collect()
            } else if !right {
                // first maxsplit words, then the rest (left-stripped)
                let mut out = Vec::new();
                let mut rest = s.trim_start();
                for _ in 0..maxsplit {
                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    out.push(rest[..end].to_string());
                    rest = rest[end..].trim_start();
                }
                if !rest.is_empty() {
                    out.push(rest.to_string());
                }
                out
            } else {
                let mut out = Vec::new();
                let mut rest = s.trim_end();
                for _ in 0..maxsplit {
                    let start = rest
                        .rfind(char::is_whitespace)
                        .map(|i| i + rest[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1))
                        .unwrap_or(0);
                    out.push(rest[start..].to_string());
                    rest = rest[..start].trim_end();
                }
                if !rest.is_empty() {
                    out.push(rest.to_string());
                }
                out.reverse();
                out
            }
        }
        Some(sepv) => {
            let sep = arg_str(vm, &sepv, "sep")?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if maxsplit < 0 {
                s.split(sep.as_str()).map(|p| p.to_string()).collect()
            } else if !right {
                s.splitn(maxsplit as usize + 1, sep.as_str())
                    .map(|p| p.to_string())
                    .collect()
            } else {
                let mut v: Vec<String> = s
                    .rsplitn(maxsplit as usize + 1, sep.as_str())
                    .map(|p| p.to_string())
                    .collect();
                v.reverse();
                v
            }
        }
    };
    Ok(Value::list(parts.into_iter().map(Value::string).collect()))
}
fn str_split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, &args, false)
}
fn str_rsplit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, &args, true)
}
fn str_splitlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "splitlines")?;
    let keep = match opt_arg(&args, 1, "keepends") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        ) {
            let mut end = String::from(c);
            if c == '\r' && i + 1 < chars.len() && chars[i + 1] == '\n' {
                end.push('\n');
                i += 1;
            }
            if keep {
                cur.push_str(&end);
            }
            out.push(Value::string(core::mem::take(&mut cur)));
        } else {
            cur.push(c);
        }
        i += 1;
    }
    if !cur.is_empty() {
        out.push(Value::string(cur));
    }
    Ok(Value::list(out))
}
fn strip_chars(vm: &mut Vm, args: &Args) -> PyResult<Option<Vec<char>>> {
    match opt_arg(args, 1, "chars") {
        Some(v) => Ok(Some(arg_str(vm, &v, "chars")?.chars().collect())),
        None => Ok(None),
    }
}
fn str_strip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "strip")?;
    Ok(Value::str(match strip_chars(vm, &args)? {
        Some(cs) => s.trim_matches(|c| cs.contains(&c)),
        None => s.trim(),
    }))
}
fn str_lstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "lstrip")?;
    Ok(Value::str(match strip_chars(vm, &args)? {
        Some(cs) => s.trim_start_matches(|c| cs.contains(&c)),
        None => s.trim_start(),
    }))
}
fn str_rstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "rstrip")?;
    Ok(Value::str(match strip_chars(vm, &args)? {
        Some(cs) => s.trim_end_matches(|c| cs.contains(&c)),
        None => s.trim_end(),
    }))
}
fn find_impl(vm: &mut Vm, args: &Args, right: bool) -> PyResult<i64> {
    let s = recv_str(vm, args, "find")?;
    let sub = vm.arg(args, 1, "find")?.clone();
    let sub = arg_str(vm, &sub, "substring")?;
    let n = s.chars().count();
    let (a, b) = span(vm, args, 2, n)?;
    if a > b {
        return Ok(-1);
    }
    let (ba, bb) = (char_to_byte(&s, a), char_to_byte(&s, b));
    let hay = &s[ba..bb];
    let r = if right {
        hay.rfind(sub.as_str())
    } else {
        hay.find(sub.as_str())
    };
    Ok(match r {
        Some(i) => (a + byte_to_char(hay, i)) as i64,
        None => -1,
    })
}
fn str_find(vm: &mut Vm, args: Args) -> PyResult<Value> {
    find_impl(vm, &args, false).map(Value::Int)
}
fn str_rfind(vm: &mut Vm, args: Args) -> PyResult<Value> {
    find_impl(vm, &args, true).map(Value::Int)
}
fn str_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match find_impl(vm, &args, false)? {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(Value::Int(i)),
    }
}
fn str_rindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match find_impl(vm, &args, true)? {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(Value::Int(i)),
    }
}
fn str_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "count")?;
    let sub = vm.arg(&args, 1, "count")?.clone();
    let sub = arg_str(vm, &sub, "substring")?;
    let n = s.chars().count();
    let (a, b) = span(vm, &args, 2, n)?;
    if a > b {
        return Ok(Value::Int(0));
    }
    let hay = &s[char_to_byte(&s, a)..char_to_byte(&s, b)];
    if sub.is_empty() {
        return Ok(Value::Int(hay.chars().count() as i64 + 1));
    }
    Ok(Value::Int(hay.matches(sub.as_str()).count() as i64))
}
fn str_replace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "replace")?;
    let old = vm.arg(&args, 1, "replace")?.clone();
    let old = arg_str(vm, &old, "replace() argument 1")?;
    let new = vm.arg(&args, 2, "replace")?.clone();
    let new = arg_str(vm, &new, "replace() argument 2")?;
    let count = match opt_arg(&args, 3, "count") {
        Some(v) => vm.to_i64(&v)?,
        None => -1,
    };
    let est = if old.is_empty() {
        s.len() * (new.len() + 1)
    } else {
        s.len() / old.len().max(1) * new.len() + s.len()
    };
    vm.check_alloc(est)?;
    if count < 0 {
        return Ok(Value::string(s.replace(old.as_str(), &new)));
    }
    Ok(Value::string(s.replacen(
        old.as_str(),
        &new,
        count as usize,
    )))
}
fn prefix_impl(vm: &mut Vm, args: &Args, end: bool) -> PyResult<Value> {
    let s = recv_str(vm, args, "startswith")?;
    let p = vm.arg(args, 1, "startswith")?.clone();
    let n = s.chars().count();
    let (a, b) = span(vm, args, 2, n)?;
    if a > b {
        return Ok(Value::Bool(false));
    }
    let hay = &s[char_to_byte(&s, a)..char_to_byte(&s, b)];
    let cands: Vec<Value> = match p.as_tuple() {
        Some(t) => t.to_vec(),
        None => vec![p],
    };
    for c in cands {
        let c = arg_str(vm, &c, "prefix")?;
        if (end && hay.ends_with(c.as_str())) || (!end && hay.starts_with(c.as_str())) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}
fn str_startswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    prefix_impl(vm, &args, false)
}
fn str_endswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    prefix_impl(vm, &args, true)
}
fn str_upper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::string(recv_str(vm, &args, "upper")?.to_uppercase()))
}
fn str_lower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::string(recv_str(vm, &args, "lower")?.to_lowercase()))
}
fn str_capitalize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "capitalize")?;
    let mut c = s.chars();
    Ok(Value::string(match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
        None => String::new(),
    }))
}
fn str_title(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "title")?;
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    Ok(Value::string(out))
}
fn str_swapcase(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "swapcase")?;
    let out: String = s
        .chars()
        .flat_map(|c| -> Vec<char> {
            if c.is_uppercase() {
                c.to_lowercase().collect()
            } else if c.is_lowercase() {
                c.to_uppercase().collect()
            } else {
                vec![c]
            }
        })
        .collect();
    Ok(Value::string(out))
}
fn pred(vm: &mut Vm, args: &Args, f: impl Fn(char) -> bool) -> PyResult<Value> {
    let s = recv_str(vm, args, "is")?;
    Ok(Value::Bool(!s.is_empty() && s.chars().all(f)))
}
fn str_isdigit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    pred(vm, &args, |c| c.is_numeric())
}
fn str_isalpha(vm: &mut Vm, args: Args) -> PyResult<Value> {
    pred(vm, &args, |c| c.is_alphabetic())
}
fn str_isalnum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    pred(vm, &args, |c| c.is_alphanumeric())
}
fn str_isspace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    pred(vm, &args, |c| c.is_whitespace())
}
fn str_isascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "isascii")?;
    Ok(Value::Bool(s.is_ascii()))
}
fn str_isprintable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "isprintable")?;
    Ok(Value::Bool(s.chars().all(|c| !c.is_control())))
}
fn str_isupper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "isupper")?;
    Ok(Value::Bool(
        s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase()),
    ))
}
fn str_islower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "islower")?;
    Ok(Value::Bool(
        s.chars().any(|c| c.is_lowercase()) && !s.chars().any(|c| c.is_uppercase()),
    ))
}
fn str_istitle(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "istitle")?;
    let mut prev_cased = false;
    let mut any = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::Bool(any))
}
fn str_isidentifier(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "isidentifier")?;
    let mut c = s.chars();
    Ok(Value::Bool(match c.next() {
        Some(f) => (f == '_' || f.is_alphabetic()) && c.all(|x| x == '_' || x.is_alphanumeric()),
        None => false,
    }))
}
fn partition_impl(vm: &mut Vm, args: &Args, right: bool) -> PyResult<Value> {
    let s = recv_str(vm, args, "partition")?;
    let sep = vm.arg(args, 1, "partition")?.clone();
    let sep = arg_str(vm, &sep, "sep")?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let r = if right {
        s.rfind(sep.as_str())
    } else {
        s.find(sep.as_str())
    };
    Ok(Value::tuple(match r {
        Some(i) => vec![
            Value::str(&s[..i]),
            Value::string(sep.clone()),
            Value::str(&s[i + sep.len()..]),
        ],
        None => {
            if right {
                vec![Value::str(""), Value::str(""), Value::string(s)]
            } else {
                vec![Value::string(s), Value::str(""), Value::str("")]
            }
        }
    }))
}
fn str_partition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, &args, false)
}
fn str_rpartition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, &args, true)
}
fn justify(vm: &mut Vm, args: &Args, how: char) -> PyResult<Value> {
    let s = recv_str(vm, args, "just")?;
    let w = vm.arg(args, 1, "just")?.clone();
    let w = vm.to_i64(&w)?.max(0) as usize;
    let fill = match opt_arg(args, 2, "fillchar") {
        Some(v) => {
            let f = arg_str(vm, &v, "fillchar")?;
            let mut it = f.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(
                        vm.type_error("The fill character must be exactly one character long")
                    )
                }
            }
        }
        None => ' ',
    };
    vm.check_alloc(w * 4)?;
    let n = s.chars().count();
    if n >= w {
        return Ok(Value::string(s));
    }
    let pad = w - n;
    let f = |k: usize| core::iter::repeat_n(fill, k).collect::<String>();
    Ok(Value::string(match how {
        '<' => format!("{}{}", s, f(pad)),
        '>' => format!("{}{}", f(pad), s),
        _ => {
            let left = pad / 2 + (pad & w & 1);
            format!("{}{}{}", f(left), s, f(pad - left))
        }
    }))
}
fn str_center(vm: &mut Vm, args: Args) -> PyResult<Value> {
    justify(vm, &args, '^')
}
fn str_ljust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    justify(vm, &args, '<')
}
fn str_rjust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    justify(vm, &args, '>')
}
fn str_zfill(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "zfill")?;
    let w = vm.arg(&args, 1, "zfill")?.clone();
    let w = vm.to_i64(&w)?.max(0) as usize;
    let n = s.chars().count();
    if n >= w {
        return Ok(Value::string(s));
    }
    let (sign, rest) = if s.starts_with(['+', '-']) {
        s.split_at(1)
    } else {
        ("", s.as_str())
    };
    Ok(Value::string(format!(
        "{}{}{}",
        sign,
        "0".repeat(w - n),
        rest
    )))
}
fn str_format_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "format")?;
    let r = crate::format::str_format(vm, &s, &args.pos[1..], args.kw)?;
    Ok(Value::string(r))
}
fn str_format_map(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "format_map")?;
    let m = vm.arg(&args, 1, "format_map")?.clone();
    let kw = vm.mapping_items(&m)?;
    let r = crate::format::str_format(vm, &s, &[], &kw)?;
    Ok(Value::string(r))
}
fn str_encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "encode")?;
    Ok(Value::bytes(s.into_bytes()))
}
fn str_expandtabs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "expandtabs")?;
    let ts = match opt_arg(&args, 1, "tabsize") {
        Some(v) => vm.to_i64(&v)?.max(0) as usize,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if ts > 0 {
                    let n = ts - col % ts;
                    out.push_str(&" ".repeat(n));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(Value::string(out))
}
fn str_removeprefix(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "removeprefix")?;
    let p = vm.arg(&args, 1, "removeprefix")?.clone();
    let p = arg_str(vm, &p, "prefix")?;
    Ok(Value::str(s.strip_prefix(p.as_str()).unwrap_or(&s)))
}
fn str_removesuffix(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "removesuffix")?;
    let p = vm.arg(&args, 1, "removesuffix")?.clone();
    let p = arg_str(vm, &p, "suffix")?;
    Ok(Value::str(s.strip_suffix(p.as_str()).unwrap_or(&s)))
}
fn str_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "__len__")?;
    Ok(Value::Int(s.chars().count() as i64))
}
fn str_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    let k = vm.arg(&args, 1, "__contains__")?.clone();
    Ok(Value::Bool(vm.contains(&s, &k)?))
}
fn str_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    let k = vm.arg(&args, 1, "__getitem__")?.clone();
    vm.get_item(&s, &k)
}
fn str_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    vm.get_iter(&s)
}
fn str_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    let o = vm.arg(&args, 1, "__add__")?.clone();
    let o = vm.base_value(&o);
    vm.binary_op(crate::ast::BinOp::Add, &s, &o)
}
fn str_mod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "__mod__")?;
    let o = vm.arg(&args, 1, "__mod__")?.clone();
    Ok(Value::string(crate::format::percent_format(vm, &s, &o)?))
}
fn str_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    let o = vm.arg(&args, 1, "__eq__")?.clone();
    let o = vm.base_value(&o);
    Ok(Value::Bool(vm.eq(&s, &o)?))
}
fn str_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    Ok(Value::Int(vm.hash(&s)? as i64))
}
fn str_repr_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "__repr__")?;
    Ok(Value::string(crate::format::str_repr(&s)))
}
fn str_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "__str__")?;
    Ok(Value::string(s))
}
fn str_format_dunder(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    let spec = match args.pos.get(1) {
        Some(v) => vm.str_of(v),
        None => String::new(),
    };
    vm.format_value(&s, &spec)
}

// ---------------------------------------------------------------------- bytes

fn recv_bytes(vm: &mut Vm, args: &Args) -> PyResult<Vec<u8>> {
    match args.pos.first() {
        Some(v) => {
            let b = vm.base_value(v);
            vm.bytes_of(&b)
        }
        None => Err(vm.type_error("bytes method needs a receiver")),
    }
}
fn is_bytearray(args: &Args) -> bool {
    matches!(args.pos.first(), Some(Value::Obj(o)) if matches!(&**o, Obj::ByteArray(_)))
}
fn mk_bytes(args: &Args, v: Vec<u8>) -> Value {
    if is_bytearray(args) {
        Value::obj(Obj::ByteArray(RefCell::new(v)))
    } else {
        Value::bytes(v)
    }
}
fn bytes_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv_bytes(vm, &args)?;
    let enc = match opt_arg(&args, 1, "encoding") {
        Some(e) => vm.str_of(&e).to_lowercase(),
        None => String::from("utf-8"),
    };
    if enc == "latin-1" || enc == "latin1" || enc == "iso-8859-1" {
        return Ok(Value::string(b.iter().map(|&c| c as char).collect()));
    }
    if enc == "ascii" {
        if let Some(p) = b.iter().position(|&c| c >= 0x80) {
            return Err(vm.err(
                TypeId::UnicodeDecodeError,
                format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {}",
                    b[p], p
                ),
            ));
        }
    }
    match String::from_utf8(b) {
        Ok(s) => Ok(Value::string(s)),
        Err(e) => {
            let errors = opt_arg(&args, 2, "errors")
                .map(|v| vm.str_of(&v))
                .unwrap_or_default();
            if errors == "ignore" || errors == "replace" {
                let bytes = e.into_bytes();
                let mut out = String::new();
                let mut rest: &[u8] = &bytes;
                loop {
                    match core::str::from_utf8(rest) {
                        Ok(s) => {
                            out.push_str(s);
                            break;
                        }
                        Err(err) => {
                            let good = err.valid_up_to();
                            out.push_str(core::str::from_utf8(&rest[..good]).unwrap_or(""));
                            if errors == "replace" {
                                out.push('\u{fffd}');
                            }
                            let skip = err.error_len().unwrap_or(rest.len() - good);
                            rest = &rest[good + skip..];
                        }
                    }
                }
                return Ok(Value::string(out));
            }
            Err(vm.err(
                TypeId::UnicodeDecodeError,
                "'utf-8' codec can't decode bytes",
            ))
        }
    }
}
fn bytes_hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv_bytes(vm, &args)?;
    let sep = opt_arg(&args, 1, "sep").map(|v| vm.str_of(&v));
    let parts: Vec<String> = b.iter().map(|x| format!("{:02x}", x)).collect();
    Ok(Value::string(match sep {
        Some(s) => parts.join(&s),
        None => parts.concat(),
    }))
}
fn bytes_fromhex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.arg(&args, 1, "fromhex")?.clone();
    let s = arg_str(vm, &s, "fromhex() argument")?;
    let digits: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    if !digits.len().is_multiple_of(2) {
        return Err(vm.value_error("non-hexadecimal number found in fromhex() arg"));
    }
    let mut out = Vec::with_capacity(digits.len() / 2);
    for pair in digits.chunks(2) {
        let h: String = pair.iter().collect();
        match u8::from_str_radix(&h, 16) {
            Ok(b) => out.push(b),
            Err(_) => return Err(vm.value_error("non-hexadecimal number found in fromhex() arg")),
        }
    }
    Ok(Value::bytes(out))
}
fn needle(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Int(i) => Ok(vec![*i as u8]),
        _ => vm.bytes_of(v),
    }
}
fn bytes_find_impl(vm: &mut Vm, args: &Args, right: bool) -> PyResult<i64> {
    let b = recv_bytes(vm, args)?;
    let n = vm.arg(args, 1, "find")?.clone();
    let n = needle(vm, &n)?;
    let (s, e) = span(vm, args, 2, b.len())?;
    if s > e {
        return Ok(-1);
    }
    let hay = &b[s..e];
    let r = if right {
        if n.len() > hay.len() {
            None
        } else {
            (0..=hay.len() - n.len())
                .rev()
                .find(|&i| hay[i..i + n.len()] == n[..])
        }
    } else {
        crate::types::find_bytes(hay, &n, 0)
    };
    Ok(r.map(|i| (i + s) as i64).unwrap_or(-1))
}
fn bytes_find(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_find_impl(vm, &args, false).map(Value::Int)
}
fn bytes_rfind(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_find_impl(vm, &args, true).map(Value::Int)
}
fn bytes_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match bytes_find_impl(vm, &args, false)? {
        -1 => Err(vm.value_error("subsection not found")),
        i => Ok(Value::Int(i)),
    }
}
fn bytes_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv_bytes(vm, &args)?;
    let n = vm.arg(&args, 1, "count")?.clone();
    let n = needle(vm, &n)?;
    if n.is_empty() {
        return Ok(Value::Int(b.len() as i64 + 1));
    }
    let mut c = 0;
    let mut i = 0;
    while let Some(p) = crate::types::find_bytes(&b, &n, i) {
        c += 1;
        i = p + n.len();
    }
    Ok(Value::Int(c))
}
fn bytes_prefix(vm: &mut Vm, args: &Args, end: bool) -> PyResult<Value> {
    let b = recv_bytes(vm, args)?;
    let p = vm.arg(args, 1, "startswith")?.clone();
    let cands: Vec<Value> = match p.as_tuple() {
        Some(t) => t.to_vec(),
        None => vec![p],
    };
    for c in cands {
        let c = vm.bytes_of(&c)?;
        if (end && b.ends_with(&c)) || (!end && b.starts_with(&c)) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}
fn bytes_startswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_prefix(vm, &args, false)
}
fn bytes_endswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_prefix(vm, &args, true)
}
fn bytes_split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv_bytes(vm, &args)?;
    let sep = opt_arg(&args, 1, "sep");
    let maxsplit = match opt_arg(&args, 2, "maxsplit") {
        Some(v) => vm.to_i64(&v)?,
        None => -1,
    };
    let mut out = Vec::new();
    match sep {
        None => {
            for w in b
                .split(|c| c.is_ascii_whitespace())
                .filter(|w| !w.is_empty())
            {
                out.push(mk_bytes(&args, w.to_vec()));
            }
        }
        Some(s) => {
            let s = vm.bytes_of(&s)?;
            if s.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let mut start = 0;
            let mut splits = 0;
            while let Some(p) = crate::types::find_bytes(&b, &s, start) {
                if maxsplit >= 0 && splits >= maxsplit {
                    break;
                }
                out.push(mk_bytes(&args, b[start..p].to_vec()));
                start = p + s.len();
                splits += 1;
            }
            out.push(mk_bytes(&args, b[start..].to_vec()));
        }
    }
    Ok(Value::list(out))
}
fn bytes_rsplit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv_bytes(vm, &args)?;
    let sep = opt_arg(&args, 1, "sep");
    let maxsplit = match opt_arg(&args, 2, "maxsplit") {
        Some(v) => vm.to_i64(&v)?,
        None => -1,
    };
    if sep.is_none() || maxsplit < 0 {
        return bytes_split(vm, args);
    }
    let s = vm.bytes_of(&sep.unwrap_or(Value::None))?;
    if s.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let mut out = Vec::new();
    let mut end = b.len();
    let mut splits = 0;
    while splits < maxsplit {
        let hay = &b[..end];
        let pos = if s.len() > hay.len() {
            None
        } else {
            (0..=hay.len() - s.len())
                .rev()
                .find(|&i| hay[i..i + s.len()] == s[..])
        };
        match pos {
            Some(p) => {
                out.push(mk_bytes(&args, b[p + s.len()..end].to_vec()));
                end = p;
                splits += 1;
            }
            None => break,
        }
    }
    out.push(mk_bytes(&args, b[..end].to_vec()));
    out.reverse();
    Ok(Value::list(out))
}
fn bytes_join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sep = recv_bytes(vm, &args)?;
    let it = vm.arg(&args, 1, "join")?.clone();
    let mut out = Vec::new();
    for (i, x) in vm.to_vec(&it)?.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(vm.bytes_of(x)?);
    }
    Ok(mk_bytes(&args, out))
}
fn bytes_replace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv_bytes(vm, &args)?;
    let old = vm.arg(&args, 1, "replace")?.clone();
    let old = vm.bytes_of(&old)?;
    let new = vm.arg(&args, 2, "replace")?.clone();
    let new = vm.bytes_of(&new)?;
    let count = match opt_arg(&args, 3, "count") {
        Some(v) => vm.to_i64(&v)?,
        None => -1,
    };
    let mut out = Vec::new();
    let mut i = 0;
    let mut done = 0;
    if old.is_empty() {
        for &c in b.iter() {
            if count < 0 || done < count {
                out.extend_from_slice(&new);
                done += 1;
            }
            out.push(c);
        }
        if count < 0 || done < count {
            out.extend_from_slice(&new);
        }
        return Ok(mk_bytes(&args, out));
    }
    while let Some(p) = crate::types::find_bytes(&b, &old, i) {
        if count >= 0 && done >= count {
            break;
        }
        out.extend_from_slice(&b[i..p]);
        out.extend_from_slice(&new);
        i = p + old.len();
        done += 1;
    }
    out.extend_from_slice(&b[i..]);
    Ok(mk_bytes(&args, out))
}
fn bytes_strip_impl(vm: &mut Vm, args: &Args, l: bool, r: bool) -> PyResult<Value> {
    let b = recv_bytes(vm, args)?;
    let chars: Vec<u8> = match opt_arg(args, 1, "chars") {
        Some(v) => vm.bytes_of(&v)?,
        None => b" \t\n\r\x0b\x0c".to_vec(),
    };
    let mut s = 0;
    let mut e = b.len();
    if l {
        while s < e && chars.contains(&b[s]) {
            s += 1;
        }
    }
    if r {
        while e > s && chars.contains(&b[e - 1]) {
            e -= 1;
        }
    }
    Ok(mk_bytes(args, b[s..e].to_vec()))
}
fn bytes_strip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_strip_impl(vm, &args, true, true)
}
fn bytes_lstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_strip_impl(vm, &args, true, false)
}
fn bytes_rstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_strip_impl(vm, &args, false, true)
}
fn bytes_upper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv_bytes(vm, &args)?;
    Ok(mk_bytes(&args, b.to_ascii_uppercase()))
}
fn bytes_lower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv_bytes(vm, &args)?;
    Ok(mk_bytes(&args, b.to_ascii_lowercase()))
}
fn bytes_pred(vm: &mut Vm, args: &Args, f: impl Fn(&u8) -> bool) -> PyResult<Value> {
    let b = recv_bytes(vm, args)?;
    Ok(Value::Bool(!b.is_empty() && b.iter().all(f)))
}
fn bytes_isdigit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_pred(vm, &args, |c| c.is_ascii_digit())
}
fn bytes_isalpha(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_pred(vm, &args, |c| c.is_ascii_alphabetic())
}
fn bytes_isspace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_pred(vm, &args, |c| c.is_ascii_whitespace())
}
fn bytes_partition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv_bytes(vm, &args)?;
    let sep = vm.arg(&args, 1, "partition")?.clone();
    let sep = vm.bytes_of(&sep)?;
    Ok(Value::tuple(match crate::types::find_bytes(&b, &sep, 0) {
        Some(i) => vec![
            mk_bytes(&args, b[..i].to_vec()),
            mk_bytes(&args, sep.clone()),
            mk_bytes(&args, b[i + sep.len()..].to_vec()),
        ],
        None => vec![
            mk_bytes(&args, b),
            mk_bytes(&args, Vec::new()),
            mk_bytes(&args, Vec::new()),
        ],
    }))
}
fn bytes_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv_bytes(vm, &args)?;
    Ok(Value::Int(b.len() as i64))
}
fn mv_tobytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv_bytes(vm, &args)?;
    Ok(Value::bytes(b))
}

fn ba_cell<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a RefCell<Vec<u8>>> {
    if let Value::Obj(o) = v {
        if let Obj::ByteArray(b) = &**o {
            return Ok(b);
        }
    }
    Err(vm.type_error("descriptor requires a 'bytearray' object"))
}
fn ba_append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    let x = vm.arg(&args, 1, "append")?.clone();
    let x = vm.to_i64(&x)?;
    if !(0..256).contains(&x) {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    let c = ba_cell(vm, &s)?;
    let (len, cap) = {
        let b = c.borrow();
        (b.len(), b.capacity())
    };
    vm.check_grow_bytes(len, cap, 1)?;
    c.borrow_mut().push(x as u8);
    Ok(Value::None)
}
fn ba_extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    let x = vm.arg(&args, 1, "extend")?.clone();
    let data = vm.bytes_of(&x)?;
    let c = ba_cell(vm, &s)?;
    let (len, cap) = {
        let b = c.borrow();
        (b.len(), b.capacity())
    };
    vm.check_grow_bytes(len, cap, data.len())?;
    c.borrow_mut().extend(data);
    Ok(Value::None)
}
fn ba_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    let idx = match args.pos.get(1) {
        Some(i) => Some(vm.to_i64(i)?),
        None => None,
    };
    let c = ba_cell(vm, &s)?;
    let mut b = c.borrow_mut();
    let n = b.len() as i64;
    if n == 0 {
        drop(b);
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let i = match idx {
        None => n - 1,
        Some(i) if i < 0 => i + n,
        Some(i) => i,
    };
    if i < 0 || i >= n {
        drop(b);
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(Value::Int(b.remove(i as usize) as i64))
}
fn ba_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    ba_cell(vm, &s)?.borrow_mut().clear();
    Ok(Value::None)
}
fn ba_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    let v = ba_cell(vm, &s)?.borrow().clone();
    Ok(Value::obj(Obj::ByteArray(RefCell::new(v))))
}
fn ba_insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    let i = vm.arg(&args, 1, "insert")?.clone();
    let i = vm.to_i64(&i)?;
    let x = vm.arg(&args, 2, "insert")?.clone();
    let x = vm.to_i64(&x)?;
    let c = ba_cell(vm, &s)?;
    let mut b = c.borrow_mut();
    let n = b.len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    b.insert(i as usize, x as u8);
    Ok(Value::None)
}
fn ba_reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.base_value(&args.pos[0]);
    ba_cell(vm, &s)?.borrow_mut().reverse();
    Ok(Value::None)
}
