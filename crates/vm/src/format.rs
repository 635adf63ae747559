//! Text forms of values: float/str/bytes repr, the format-spec mini-language,
//! `%`-formatting and `str.format`.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use num_bigint::BigInt;
use num_traits::Signed;

use crate::numeric::{as_num, Num};
use crate::types::TypeId;
use crate::value::{Obj, Value};
use crate::vm::{PyResult, Vm};

/// Split a finite nonzero float's shortest round-trip form into (digits, exponent) where
/// value = 0.d1d2d3... * 10**exp.
fn shortest_digits(x: f64) -> (String, i32) {
    // `{:e}` gives the shortest round-trip digits: "1.2345e-5"
    let s = format!("{:e}", x.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() {
        "0".to_string()
    } else {
        digits.to_string()
    };
    (digits, exp + 1)
}

/// `repr(float)`: the shortest string that round-trips, laid out as Python does.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let (digits, exp) = shortest_digits(x);
    let sign = if x < 0.0 { "-" } else { "" };
    // decimal point position: value = 0.digits * 10^exp  => sci exponent = exp - 1
    let sci = exp - 1;
    if (-4..16).contains(&sci) {
        let n = digits.len() as i32;
        let body = if exp <= 0 {
            format!("0.{}{}", "0".repeat((-exp) as usize), digits)
        } else if exp >= n {
            format!("{}{}.0", digits, "0".repeat((exp - n) as usize))
        } else {
            format!("{}.{}", &digits[..exp as usize], &digits[exp as usize..])
        };
        format!("{}{}", sign, body)
    } else {
        let mant = if digits.len() == 1 {
            digits.clone()
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        let es = if sci < 0 {
            format!("-{:02}", -sci)
        } else {
            format!("+{:02}", sci)
        };
        format!("{}{}e{}", sign, mant, es)
    }
}

pub fn complex_repr(re: f64, im: f64) -> String {
    let fmt = |x: f64| {
        let r = float_repr(x);
        r.strip_suffix(".0").map(|s| s.to_string()).unwrap_or(r)
    };
    if re == 0.0 && !re.is_sign_negative() {
        format!("{}j", fmt(im))
    } else {
        let ims = fmt(im);
        let sign = if im.is_nan() || im >= 0.0 || (im == 0.0 && !im.is_sign_negative()) {
            "+"
        } else {
            ""
        };
        format!("({}{}{}j)", fmt(re), sign, ims)
    }
}

/// `repr(str)` with CPython's quote choice and escapes.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_unprintable(c) => {
                let n = c as u32;
                if n < 0x100 {
                    out.push_str(&format!("\\x{:02x}", n));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", n));
                } else {
                    out.push_str(&format!("\\U{:08x}", n));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn is_unprintable(c: char) -> bool {
    let n = c as u32;
    (0x80..0xa0).contains(&n)
        || n == 0xad
        || (0xd800..0xe000).contains(&n)
        || n == 0x2028
        || n == 0x2029
        || (0xfff0..=0xffff).contains(&n)
}

/// `ascii()`: like repr but every non-ASCII char escaped.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{:02x}", n));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{:04x}", n));
        } else {
            out.push_str(&format!("\\U{:08x}", n));
        }
    }
    out
}

pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(quote as char);
    out
}

// ---------------------------------------------------------------------- format spec

#[derive(Default, Debug)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub alt: bool,
    pub zero: bool,
    pub width: Option<usize>,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

pub fn parse_spec(vm: &mut Vm, spec: &str) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let mut w = String::new();
    while i < chars.len() && chars[i].is_ascii_digit() {
        w.push(chars[i]);
        i += 1;
    }
    if !w.is_empty() {
        s.width = w.parse().ok();
        if s.width.map(|w| w > 100_000_000).unwrap_or(true) {
            return Err(vm.value_error("Too many decimal digits in format string"));
        }
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let mut p = String::new();
        while i < chars.len() && chars[i].is_ascii_digit() {
            p.push(chars[i]);
            i += 1;
        }
        if p.is_empty() {
            return Err(vm.value_error("Format specifier missing precision"));
        }
        s.precision = p.parse().ok();
        if s.precision.map(|p| p > 10_000).unwrap_or(true) {
            return Err(vm.value_error("precision too big"));
        }
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() {
        return Err(vm.value_error("Invalid format specifier"));
    }
    Ok(s)
}

fn pad(s: &Spec, body: String, default_align: char, sign_len: usize) -> String {
    let width = s.width.unwrap_or(0);
    let len = body.chars().count();
    if len >= width {
        return body;
    }
    let n = width - len;
    let (fill, align) = if s.zero && s.align.is_none() && s.fill.is_none() {
        ('0', '=')
    } else {
        (s.fill.unwrap_or(' '), s.align.unwrap_or(default_align))
    };
    let f = |k: usize| core::iter::repeat_n(fill, k).collect::<String>();
    match align {
        '<' => format!("{}{}", body, f(n)),
        '^' => format!("{}{}{}", f(n / 2), body, f(n - n / 2)),
        '=' => {
            let (head, tail) = body.split_at(
                body.char_indices()
                    .nth(sign_len)
                    .map(|(i, _)| i)
                    .unwrap_or(body.len()),
            );
            format!("{}{}{}", head, f(n), tail)
        }
        _ => format!("{}{}", f(n), body),
    }
}

fn group_digits(digits: &str, sep: char, every: usize) -> String {
    let bytes: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    let n = bytes.len();
    for (i, c) in bytes.iter().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

fn sign_str(neg: bool, sign: Option<char>) -> &'static str {
    if neg {
        "-"
    } else {
        match sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// Fixed-point with `prec` digits (correctly rounded, via Rust's formatter).
fn fixed(x: f64, prec: usize) -> String {
    format!("{:.*}", prec, x)
}

fn exp_form(x: f64, prec: usize, upper: bool) -> String {
    let s = format!("{:.*e}", prec, x);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let es = if e < 0 {
        format!("-{:02}", -e)
    } else {
        format!("+{:02}", e)
    };
    let r = format!("{}e{}", m, es);
    if upper {
        r.to_uppercase()
    } else {
        r
    }
}

/// `%g`-style general format.
fn general(x: f64, prec: usize, alt: bool, upper: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    if x == 0.0 {
        let s = if x.is_sign_negative() { "-0" } else { "0" };
        return if alt {
            format!("{}.{}", s, "0".repeat(p - 1))
        } else {
            s.to_string()
        };
    }
    let e = {
        let s = format!("{:.*e}", p - 1, x);
        s.split_once('e')
            .map(|(_, e)| e.parse::<i32>().unwrap_or(0))
            .unwrap_or(0)
    };
    let r = if e < -4 || e >= p as i32 {
        let s = exp_form(x, p - 1, upper);
        if alt {
            s
        } else {
            let (m, ex) = s
                .split_once(if upper { 'E' } else { 'e' })
                .unwrap_or((&s, ""));
            let m = if m.contains('.') {
                m.trim_end_matches('0').trim_end_matches('.')
            } else {
                m
            };
            format!("{}{}{}", m, if upper { 'E' } else { 'e' }, ex)
        }
    } else {
        let s = fixed(x, (p as i32 - 1 - e).max(0) as usize);
        if alt || !s.contains('.') {
            s
        } else {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    r
}

fn float_special(x: f64, upper: bool) -> Option<String> {
    if x.is_nan() {
        Some(if upper { "NAN" } else { "nan" }.into())
    } else if x.is_infinite() {
        Some(if upper { "INF" } else { "inf" }.into())
    } else {
        None
    }
}

pub fn format_float(vm: &mut Vm, x: f64, s: &Spec) -> PyResult<String> {
    let ty = s.ty.unwrap_or('\0');
    let upper = ty.is_ascii_uppercase();
    let neg = x.is_sign_negative() && !(x.is_nan());
    let ax = x.abs();
    let body = match float_special(ax, upper) {
        Some(b) => b,
        None => match ty {
            'f' | 'F' => fixed(ax, s.precision.unwrap_or(6)),
            'e' | 'E' => exp_form(ax, s.precision.unwrap_or(6), upper),
            'g' | 'G' => general(ax, s.precision.unwrap_or(6), s.alt, upper),
            '%' => format!("{}%", fixed(ax * 100.0, s.precision.unwrap_or(6))),
            '\0' | 'n' => match s.precision {
                Some(p) => {
                    let g = general(ax, p, s.alt, false);
                    if g.contains('.') || g.contains('e') || g.contains("inf") || g.contains("nan")
                    {
                        g
                    } else {
                        format!("{}.0", g)
                    }
                }
                None => float_repr(ax),
            },
            _ => {
                return Err(vm.value_error(format!(
                    "Unknown format code '{}' for object of type 'float'",
                    ty
                )));
            }
        },
    };
    let body = match s.grouping {
        Some(g) => {
            let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => body.split_at(i),
                None => (body.as_str(), ""),
            };
            format!("{}{}", group_digits(int_part, g, 3), rest)
        }
        None => body,
    };
    let sg = sign_str(neg, s.sign);
    Ok(pad(s, format!("{}{}", sg, body), '>', sg.len()))
}

pub fn format_int(vm: &mut Vm, n: &BigInt, s: &Spec) -> PyResult<String> {
    let ty = s.ty.unwrap_or('d');
    let neg = n.is_negative();
    let a = n.abs();
    let (digits, prefix) = match ty {
        'd' | 'n' => (a.to_string(), ""),
        'x' => (a.to_str_radix(16), "0x"),
        'X' => (a.to_str_radix(16).to_uppercase(), "0X"),
        'o' => (a.to_str_radix(8), "0o"),
        'b' => (a.to_str_radix(2), "0b"),
        'c' => {
            let c = num_traits::ToPrimitive::to_u32(n)
                .and_then(char::from_u32)
                .ok_or_else(|| vm.overflow_error("%c arg not in range(0x110000)"))?;
            return Ok(pad(s, c.to_string(), '<', 0));
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = crate::numeric::big_to_f64(n).unwrap_or(f64::INFINITY);
            return format_float(vm, f, s);
        }
        _ => {
            return Err(vm.value_error(format!(
                "Unknown format code '{}' for object of type 'int'",
                ty
            )))
        }
    };
    if s.precision.is_some() {
        return Err(vm.value_error("Precision not allowed in integer format specifier"));
    }
    let digits = match s.grouping {
        Some(g) => group_digits(&digits, g, if matches!(ty, 'd' | 'n') { 3 } else { 4 }),
        None => digits,
    };
    let sg = sign_str(neg, s.sign);
    let pre = if s.alt { prefix } else { "" };
    Ok(pad(
        s,
        format!("{}{}{}", sg, pre, digits),
        '>',
        sg.len() + pre.len(),
    ))
}

/// `format(value, spec)` for builtin values.
pub fn format_spec(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    let s = parse_spec(vm, spec)?;
    match as_num(v) {
        Some(Num::Int(i)) => {
            if matches!(v, Value::Bool(_)) && s.ty.is_none() {
                let t = vm.str_string(v)?;
                return Ok(pad(&s, t, '<', 0));
            }
            return format_int(vm, &BigInt::from(i), &s);
        }
        Some(Num::Big(b)) => return format_int(vm, &b, &s),
        Some(Num::Float(f)) => return format_float(vm, f, &s),
        Some(Num::Complex(r, i)) => {
            let body = complex_repr(r, i);
            return Ok(pad(&s, body, '>', 0));
        }
        None => {}
    }
    if let Some(st) = v.as_str() {
        if let Some(t) = s.ty {
            if t != 's' {
                return Err(vm.value_error(format!(
                    "Unknown format code '{}' for object of type 'str'",
                    t
                )));
            }
        }
        if s.sign.is_some() {
            return Err(vm.value_error("Sign not allowed in string format specifier"));
        }
        let mut body: String = st.as_str().into();
        if let Some(p) = s.precision {
            body = body.chars().take(p).collect();
        }
        return Ok(pad(&s, body, '<', 0));
    }
    let t = vm.type_name(v);
    let _ = TypeId::TypeError;
    Err(vm.type_error(format!(
        "unsupported format string passed to {}.__format__",
        t
    )))
}

// ---------------------------------------------------------------------- %-formatting

pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<String> {
    // a tuple subclass (namedtuple) formats as its tuple
    let base = vm.base_value(args);
    let args = if base.as_tuple().is_some() {
        &base
    } else {
        args
    };
    let chars: Vec<char> = fmt.chars().collect();
    let is_map = matches!(args, Value::Obj(o) if matches!(&**o, Obj::Dict(_)));
    let items: Vec<Value> = match args.as_tuple() {
        Some(t) => t.to_vec(),
        None => alloc::vec![args.clone()],
    };
    let mut next = 0usize;
    let mut out = String::new();
    let mut i = 0;
    let mut used_map = false;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= chars.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let mut key_val = None;
        if chars[i] == '(' {
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                if chars[i] == '(' {
                    depth += 1;
                } else if chars[i] == ')' {
                    depth -= 1;
                }
                i += 1;
            }
            let key: String = chars[start..i - 1].iter().collect();
            if !is_map {
                return Err(vm.type_error("format requires a mapping"));
            }
            used_map = true;
            key_val = Some(vm.get_item(args, &Value::string(key))?);
        }
        let mut spec = Spec::default();
        while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '#' | '0') {
            match chars[i] {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = Some('+'),
                ' ' => {
                    if spec.sign.is_none() {
                        spec.sign = Some(' ')
                    }
                }
                '#' => spec.alt = true,
                _ => spec.zero = true,
            }
            i += 1;
        }
        let mut take_arg = |vm: &mut Vm| -> PyResult<Value> {
            if let Some(v) = key_val.take() {
                return Ok(v);
            }
            if is_map && !used_map && items.len() == 1 {
                return Ok(items[0].clone());
            }
            match items.get(next) {
                Some(v) => {
                    next += 1;
                    Ok(v.clone())
                }
                None => Err(vm.type_error("not enough arguments for format string")),
            }
        };
        if i < chars.len() && chars[i] == '*' {
            let w = take_arg(vm)?;
            spec.width = Some(vm.to_i64(&w)?.max(0) as usize);
            i += 1;
        } else {
            let mut w = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                w.push(chars[i]);
                i += 1;
            }
            if !w.is_empty() {
                spec.width = w.parse().ok();
            }
        }
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            if i < chars.len() && chars[i] == '*' {
                let p = take_arg(vm)?;
                spec.precision = Some(vm.to_i64(&p)?.max(0) as usize);
                i += 1;
            } else {
                let mut p = String::new();
                while i < chars.len() && chars[i].is_ascii_digit() {
                    p.push(chars[i]);
                    i += 1;
                }
                spec.precision = Some(p.parse().unwrap_or(0));
            }
        }
        if i >= chars.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let conv = chars[i];
        i += 1;
        if spec.zero && spec.align == Some('<') {
            spec.zero = false;
        }
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = take_arg(vm)?;
        let piece = match conv {
            's' | 'r' | 'a' => {
                let mut s = if conv == 's' {
                    vm.str_string(&v)?
                } else {
                    vm.repr_string(&v)?
                };
                if conv == 'a' {
                    s = ascii_escape(&s);
                }
                if let Some(p) = spec.precision {
                    s = s.chars().take(p).collect();
                }
                spec.zero = false;
                pad(&spec, s, '>', 0)
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let n = match as_num(&v) {
                    Some(Num::Int(i)) => BigInt::from(i),
                    Some(Num::Big(b)) => b,
                    Some(Num::Float(f)) => match crate::numeric::float_to_int(vm, f)? {
                        Value::Int(i) => BigInt::from(i),
                        Value::Obj(o) => match &*o {
                            Obj::BigInt(b) => b.clone(),
                            _ => BigInt::from(0),
                        },
                        _ => BigInt::from(0),
                    },
                    _ => {
                        let t = vm.type_name(&v);
                        return Err(vm.type_error(format!(
                            "%{} format: a number is required, not {}",
                            conv, t
                        )));
                    }
                };
                spec.ty = Some(match conv {
                    'x' => 'x',
                    'X' => 'X',
                    'o' => 'o',
                    _ => 'd',
                });
                let prec = spec.precision.take();
                let mut s = format_int(
                    vm,
                    &n,
                    &Spec {
                        width: None,
                        ..clone_spec(&spec)
                    },
                )?;
                if let Some(p) = prec {
                    let neg = s.starts_with('-');
                    let digits = s.trim_start_matches('-');
                    if digits.len() < p {
                        s = format!(
                            "{}{}{}",
                            if neg { "-" } else { "" },
                            "0".repeat(p - digits.len()),
                            digits
                        );
                    }
                }
                let sl = if s.starts_with(['-', '+', ' ']) { 1 } else { 0 }
                    + if spec.alt { 2 } else { 0 };
                pad(&spec, s, '>', sl)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = vm.to_f64(&v)?;
                spec.ty = Some(conv);
                if spec.precision.is_none() {
                    spec.precision = Some(6);
                }
                format_float(vm, f, &spec)?
            }
            'c' => {
                let s = match &v {
                    Value::Int(n) => char::from_u32(*n as u32)
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                    _ => vm.str_string(&v)?,
                };
                pad(&spec, s, '>', 0)
            }
            _ => return Err(vm.value_error(format!("unsupported format character '{}'", conv))),
        };
        out.push_str(&piece);
    }
    if !is_map && next < items.len() && args.as_tuple().is_some() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    if !is_map && args.as_tuple().is_none() && next == 0 && !items.is_empty() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

fn clone_spec(s: &Spec) -> Spec {
    Spec {
        fill: s.fill,
        align: s.align,
        sign: s.sign,
        alt: s.alt,
        zero: s.zero,
        width: s.width,
        grouping: s.grouping,
        precision: s.precision,
        ty: s.ty,
    }
}

// ---------------------------------------------------------------------- str.format

pub fn str_format(
    vm: &mut Vm,
    fmt: &str,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<String> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if i + 1 < chars.len() && chars[i + 1] == '{' {
                out.push('{');
                i += 2;
                continue;
            }
            // find the matching close brace (nested fields in the spec allowed)
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                if chars[i] == '{' {
                    depth += 1;
                } else if chars[i] == '}' {
                    depth -= 1;
                }
                i += 1;
            }
            if depth != 0 {
                return Err(vm.value_error("Single '{' encountered in format string"));
            }
            let field: String = chars[start..i - 1].iter().collect();
            out.push_str(&format_field(vm, &field, args, kw, &mut auto)?);
        } else if c == '}' {
            if i + 1 < chars.len() && chars[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

fn format_field(
    vm: &mut Vm,
    field: &str,
    args: &[Value],
    kw: &[(Value, Value)],
    auto: &mut usize,
) -> PyResult<String> {
    // split "name!conv:spec"
    let (name_conv, spec) = match field.find(':') {
        Some(p) => (&field[..p], &field[p + 1..]),
        None => (field, ""),
    };
    let (name, conv) = match name_conv.find('!') {
        Some(p) => (&name_conv[..p], Some(&name_conv[p + 1..])),
        None => (name_conv, None),
    };
    // first part of the name: index or keyword, then .attr / [key] parts
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut v = if first.is_empty() {
        let v = args.get(*auto).cloned();
        *auto += 1;
        match v {
            Some(v) => v,
            None => {
                return Err(
                    vm.index_error("Replacement index out of range for positional args tuple")
                )
            }
        }
    } else if let Ok(n) = first.parse::<usize>() {
        match args.get(n) {
            Some(v) => v.clone(),
            None => {
                return Err(
                    vm.index_error("Replacement index out of range for positional args tuple")
                )
            }
        }
    } else {
        match kw
            .iter()
            .find(|(k, _)| k.as_str().map(|s| s.as_str()) == Some(first))
        {
            Some((_, v)) => v.clone(),
            None => return Err(vm.key_error(Value::str(first))),
        }
    };
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            v = vm.get_attr(&v, &Value::str(&r[..end]))?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = match r.find(']') {
                Some(e) => e,
                None => return Err(vm.value_error("Missing ']' in format string")),
            };
            let key = &r[..end];
            let k = match key.parse::<i64>() {
                Ok(n) => Value::Int(n),
                Err(_) => Value::str(key),
            };
            v = vm.get_item(&v, &k)?;
            rest = &r[end + 1..];
        } else {
            return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    let v = match conv {
        Some("r") => vm.repr(&v)?,
        Some("s") => vm.to_str(&v)?,
        Some("a") => {
            let r = vm.repr_string(&v)?;
            Value::string(ascii_escape(&r))
        }
        Some(_) => return Err(vm.value_error("Unknown conversion specifier")),
        None => v,
    };
    // nested fields inside the spec
    let spec = if spec.contains('{') {
        str_format(vm, spec, args, kw)?
    } else {
        spec.to_string()
    };
    let r = vm.format_value(&v, &spec)?;
    Ok(vm.str_of(&r))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn float_reprs_match_python() {
        assert_eq!(float_repr(0.1), "0.1");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1e15), "1000000000000000.0");
        assert_eq!(float_repr(1e-5), "1e-05");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(3.0), "3.0");
        assert_eq!(float_repr(-2.5), "-2.5");
        assert_eq!(float_repr(1.5e300), "1.5e+300");
        assert_eq!(float_repr(123456789.123), "123456789.123");
        assert_eq!(float_repr(0.30000000000000004), "0.30000000000000004");
    }
    #[test]
    fn str_reprs_match_python() {
        assert_eq!(str_repr("a'b"), "\"a'b\"");
        assert_eq!(str_repr("a\nb"), "'a\\nb'");
        assert_eq!(str_repr("é"), "'é'");
    }
}
