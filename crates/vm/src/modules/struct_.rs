//! `struct`: pack/unpack binary records (CPython 3.11 semantics).
//!
//! Also holds small helpers shared by the binary modules (`binascii`, `hashlib`, `array`):
//! reading a bytes-like argument and module-level exception classes.

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::dict::Dict;
use crate::types::TypeId;
use crate::value::*;
use crate::vm::{PyErr, PyResult, Vm};

use super::add_fns;

// ---------------------------------------------------------------------- shared helpers

/// The bytes of a bytes-like argument (bytes, bytearray, memoryview, array); anything else
/// is a TypeError like CPython's "a bytes-like object is required".
pub fn buffer_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Value::Obj(o) = v {
        match &**o {
            Obj::Bytes(b) => return Ok(b.to_vec()),
            Obj::ByteArray(b) => return Ok(b.borrow().clone()),
            Obj::MemoryView(_) => return crate::types::memoryview_bytes(vm, v),
            Obj::Native(_) => {
                if let Some(b) = crate::types::native_buffer(vm, v) {
                    return Ok(b);
                }
            }
            Obj::Instance(_) => {
                let b = vm.base_value(v);
                if !b.is(v) {
                    return buffer_bytes(vm, &b);
                }
            }
            _ => {}
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(format!("a bytes-like object is required, not '{}'", t)))
}

/// A module's exception class `modname.name` deriving from builtin `base`, created once per
/// interpreter (cached next to the native classes).
pub fn module_exc(vm: &mut Vm, modname: &str, name: &str, base: TypeId) -> Value {
    let base = vm.shared.types.get(base);
    module_exc_from(vm, modname, name, base)
}

/// Like [`module_exc`] with a class as base.
pub fn module_exc_from(vm: &mut Vm, modname: &str, name: &str, base: Value) -> Value {
    let key = Value::string(format!("{}.{}", modname, name));
    if let Some(c) = vm.dict_get_str_opt(&vm.shared.native_classes, &key) {
        return c;
    }
    let mut ns = Dict::new();
    ns.set_str("__module__", Value::str(modname));
    let cls = crate::types::new_class(vm, Value::str(name), vec![base], ns).unwrap_or(Value::None);
    crate::vm::dict_set_str(&vm.shared.native_classes, key, cls.clone());
    cls
}

/// Raise an instance of `cls` with a message.
pub fn raise_cls(cls: Value, msg: impl AsRef<str>) -> PyErr {
    PyErr(crate::types::make_exception(
        cls,
        Value::tuple(vec![Value::str(msg.as_ref())]),
    ))
}

/// An integer argument: `Ok(None)` when `v` is not an int (nor has `__index__`).
pub fn int_value(vm: &mut Vm, v: &Value) -> PyResult<Option<BigInt>> {
    match v {
        Value::Int(i) => Ok(Some(BigInt::from(*i))),
        Value::Bool(b) => Ok(Some(BigInt::from(*b as i64))),
        Value::Obj(o) => match &**o {
            Obj::BigInt(b) => Ok(Some(b.clone())),
            Obj::Instance(_) => {
                let b = vm.base_value(v);
                if !b.is(v) {
                    return int_value(vm, &b);
                }
                if let Some(m) = vm.lookup_special(v, "__index__") {
                    let r = vm.call(&m, core::slice::from_ref(v))?;
                    return int_value(vm, &r);
                }
                Ok(None)
            }
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}

// ---------------------------------------------------------------------- format parsing

fn struct_error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    let cls = module_exc(vm, "struct", "error", TypeId::Exception);
    raise_cls(cls, msg)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Order {
    Native,
    Little,
    Big,
}

#[derive(Clone, Copy, Debug)]
struct Item {
    code: u8,
    /// repeat count (for `s`/`p`: the byte length)
    count: usize,
    /// size of one element
    size: usize,
    /// byte offset of the first element
    offset: usize,
}

struct Layout {
    order: Order,
    items: Vec<Item>,
    size: usize,
    /// number of values consumed/produced
    nargs: usize,
}

fn native_size(code: u8) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' | b'n' | b'N' | b'P' => core::mem::size_of::<usize>(),
        b'q' | b'Q' | b'd' => 8,
        _ => return None,
    })
}

fn std_size(code: u8) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'l' | b'L' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        _ => return None,
    })
}

fn parse_format(vm: &mut Vm, fmt: &str) -> PyResult<Layout> {
    let b = fmt.as_bytes();
    let mut i = 0;
    let (order, native) = match b.first() {
        Some(b'@') => {
            i = 1;
            (Order::Native, true)
        }
        Some(b'=') => {
            i = 1;
            (Order::Native, false)
        }
        Some(b'<') => {
            i = 1;
            (Order::Little, false)
        }
        Some(b'>') | Some(b'!') => {
            i = 1;
            (Order::Big, false)
        }
        _ => (Order::Native, true),
    };
    let mut items = Vec::new();
    let mut size: usize = 0;
    let mut nargs: usize = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count: usize = 1;
        if c.is_ascii_digit() {
            let mut n: usize = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                n = match n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((b[i] - b'0') as usize))
                {
                    Some(n) => n,
                    None => return Err(struct_error(vm, "total struct size too long")),
                };
                i += 1;
            }
            if i >= b.len() {
                return Err(struct_error(
                    vm,
                    "repeat count given without format specifier",
                ));
            }
            count = n;
        }
        let code = b[i];
        i += 1;
        let sz = if native {
            native_size(code)
        } else {
            std_size(code)
        };
        let sz = match sz {
            Some(s) => s,
            None => return Err(struct_error(vm, "bad char in struct format")),
        };
        if native {
            // C alignment: each item starts at a multiple of its size
            if !matches!(code, b's' | b'p' | b'x' | b'c' | b'b' | b'B' | b'?') {
                size = size.div_ceil(sz) * sz;
            }
        }
        let total = match sz.checked_mul(count).and_then(|t| t.checked_add(size)) {
            Some(t) if t <= isize::MAX as usize => t,
            _ => return Err(struct_error(vm, "total struct size too long")),
        };
        items.push(Item {
            code,
            count,
            size: sz,
            offset: size,
        });
        size = total;
        nargs += match code {
            b'x' => 0,
            b's' | b'p' => 1,
            _ => count,
        };
    }
    Ok(Layout {
        order,
        items,
        size,
        nargs,
    })
}

fn fmt_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<String> {
    match v {
        Some(v) => {
            if let Some(s) = v.as_str() {
                return Ok(String::from(s.as_str()));
            }
            if let Value::Obj(o) = v {
                if let Obj::Bytes(b) = &**o {
                    return match core::str::from_utf8(b) {
                        Ok(s) => Ok(String::from(s)),
                        Err(_) => Err(struct_error(vm, "bad char in struct format")),
                    };
                }
            }
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "Struct() argument 1 must be a str or bytes object, not {}",
                t
            )))
        }
        None => Err(vm.type_error("missing format argument")),
    }
}

// ---------------------------------------------------------------------- packing

fn put_uint(out: &mut [u8], x: u64, big: bool) {
    let n = out.len();
    for (k, slot) in out.iter_mut().enumerate() {
        let shift = if big { (n - 1 - k) * 8 } else { k * 8 };
        *slot = if shift >= 64 { 0 } else { (x >> shift) as u8 };
    }
}

fn get_uint(data: &[u8], big: bool) -> u64 {
    let mut x: u64 = 0;
    if big {
        for &b in data {
            x = (x << 8) | b as u64;
        }
    } else {
        for &b in data.iter().rev() {
            x = (x << 8) | b as u64;
        }
    }
    x
}

/// f64 -> IEEE half precision bits (round half to even), None on overflow.
pub fn f64_to_f16(x: f64) -> Option<u16> {
    let bits = x.to_bits();
    let sign = ((bits >> 48) & 0x8000) as u16;
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    if x.is_infinite() {
        return Some(sign | 0x7c00);
    }
    let a = x.abs();
    if a == 0.0 {
        return Some(sign);
    }
    // scale to an integer mantissa with the right exponent
    let (m, e) = crate::dict::frexp(a); // a = m * 2^e, 0.5 <= m < 1
    let (mut mant, mut exp): (u64, i32);
    if e - 1 < -14 {
        // subnormal: value = mant * 2^-24
        let scaled = a * libm::ldexp(1.0, 24);
        let r = round_half_even(scaled);
        mant = r as u64;
        if mant >= 0x400 {
            // rounded up into the normal range
            return Some(sign | (1 << 10) | (mant as u16 & 0x3ff));
        }
        return Some(sign | mant as u16);
    }
    // normal: a = 1.f * 2^(e-1); 10 fraction bits
    exp = e - 1;
    let frac = (m * 2.0 - 1.0) * 1024.0;
    let r = round_half_even(frac);
    mant = r as u64;
    if mant >= 1024 {
        mant = 0;
        exp += 1;
    }
    if exp > 15 {
        return None;
    }
    Some(sign | (((exp + 15) as u16) << 10) | mant as u16)
}

fn round_half_even(x: f64) -> f64 {
    let f = libm::floor(x);
    let d = x - f;
    if d > 0.5 || (d == 0.5 && libm::fmod(f, 2.0) != 0.0) {
        f + 1.0
    } else {
        f
    }
}

pub fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let mant = (h & 0x3ff) as f64;
    let v = if exp == 0 {
        libm::ldexp(mant, -24)
    } else if exp == 31 {
        if mant == 0.0 {
            f64::INFINITY
        } else {
            f64::NAN
        }
    } else {
        libm::ldexp(1.0 + mant / 1024.0, exp - 15)
    };
    sign * v
}

fn range_msg(code: u8, size: usize, signed: bool) -> String {
    match code {
        b'b' => return String::from("byte format requires -128 <= number <= 127"),
        b'B' => return String::from("ubyte format requires 0 <= number <= 255"),
        b'h' => return String::from("short format requires -32768 <= number <= 32767"),
        b'H' => return String::from("ushort format requires 0 <= number <= 65535"),
        _ => {}
    }
    let bits = size * 8;
    if signed {
        let max: i128 = (1i128 << (bits - 1)) - 1;
        format!(
            "'{}' format requires {} <= number <= {}",
            code as char,
            -max - 1,
            max
        )
    } else {
        let max: u128 = (1u128 << bits) - 1;
        format!("'{}' format requires 0 <= number <= {}", code as char, max)
    }
}

fn pack_int(vm: &mut Vm, it: &Item, v: &Value, out: &mut [u8], big: bool) -> PyResult<()> {
    let n = match int_value(vm, v)? {
        Some(n) => n,
        None => return Err(struct_error(vm, "required argument is not an integer")),
    };
    let size = it.size;
    let bits = size * 8;
    match it.code {
        b'b' | b'B' | b'h' | b'H' => {
            let x = match n.to_i64() {
                Some(x) => x,
                None => return Err(struct_error(vm, "argument out of range")),
            };
            let (lo, hi) = match it.code {
                b'b' => (-128, 127),
                b'B' => (0, 255),
                b'h' => (-32768, 32767),
                _ => (0, 65535),
            };
            if x < lo || x > hi {
                return Err(struct_error(vm, range_msg(it.code, size, false)));
            }
            put_uint(out, x as u64, big);
        }
        b'i' | b'l' | b'q' | b'n' => {
            let x = match n.to_i64() {
                Some(x) => x,
                None => return Err(struct_error(vm, "argument out of range")),
            };
            if bits < 64 {
                let lim = 1i64 << (bits - 1);
                if x < -lim || x >= lim {
                    return Err(struct_error(vm, range_msg(it.code, size, true)));
                }
            }
            put_uint(out, x as u64, big);
        }
        _ => {
            let x = match n.to_u64() {
                Some(x) if !n.is_negative() => x,
                _ => return Err(struct_error(vm, "argument out of range")),
            };
            if bits < 64 && x >= (1u64 << bits) {
                return Err(struct_error(vm, range_msg(it.code, size, false)));
            }
            put_uint(out, x, big);
        }
    }
    Ok(())
}

fn float_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(_) | Value::Bool(_) => vm.to_f64(v),
        Value::Obj(o) if matches!(&**o, Obj::BigInt(_) | Obj::Instance(_)) => {
            if let Obj::Instance(_) = &**o {
                if vm.lookup_special(v, "__float__").is_none()
                    && vm.lookup_special(v, "__index__").is_none()
                    && vm.base_value(v).is(v)
                {
                    return Err(struct_error(vm, "required argument is not a float"));
                }
                if vm.lookup_special(v, "__float__").is_none() {
                    if let Some(n) = int_value(vm, v)? {
                        return vm.to_f64(&Value::bigint(n));
                    }
                }
            }
            vm.to_f64(v)
        }
        _ => Err(struct_error(vm, "required argument is not a float")),
    }
}

fn pack_into_buf(vm: &mut Vm, lay: &Layout, vals: &[Value], out: &mut [u8]) -> PyResult<()> {
    if vals.len() != lay.nargs {
        return Err(struct_error(
            vm,
            format!(
                "pack expected {} items for packing (got {})",
                lay.nargs,
                vals.len()
            ),
        ));
    }
    let big = lay.order == Order::Big;
    let mut vi = 0;
    for it in &lay.items {
        match it.code {
            b'x' => {
                for b in out.iter_mut().skip(it.offset).take(it.count) {
                    *b = 0;
                }
            }
            b's' | b'p' => {
                let v = &vals[vi];
                vi += 1;
                let data = match v {
                    Value::Obj(o) if matches!(&**o, Obj::Bytes(_) | Obj::ByteArray(_)) => {
                        vm.bytes_of(v)?
                    }
                    _ => {
                        return Err(struct_error(
                            vm,
                            format!("argument for '{}' must be a bytes object", it.code as char),
                        ))
                    }
                };
                let dst = &mut out[it.offset..it.offset + it.count];
                for b in dst.iter_mut() {
                    *b = 0;
                }
                if it.code == b's' {
                    let n = data.len().min(it.count);
                    dst[..n].copy_from_slice(&data[..n]);
                } else if it.count > 0 {
                    let n = data.len().min(it.count - 1).min(255);
                    dst[0] = n as u8;
                    dst[1..1 + n].copy_from_slice(&data[..n]);
                }
            }
            _ => {
                for k in 0..it.count {
                    let v = &vals[vi];
                    vi += 1;
                    let off = it.offset + k * it.size;
                    let dst = &mut out[off..off + it.size];
                    match it.code {
                        b'c' => {
                            let ok = match v {
                                Value::Obj(o) => match &**o {
                                    Obj::Bytes(b) if b.len() == 1 => Some(b[0]),
                                    Obj::ByteArray(b) if b.borrow().len() == 1 => {
                                        Some(b.borrow()[0])
                                    }
                                    _ => None,
                                },
                                _ => None,
                            };
                            match ok {
                                Some(b) => dst[0] = b,
                                None => {
                                    return Err(struct_error(
                                        vm,
                                        "char format requires a bytes object of length 1",
                                    ))
                                }
                            }
                        }
                        b'?' => {
                            let t = vm.truthy(v)?;
                            dst[0] = t as u8;
                        }
                        b'e' => {
                            let f = float_arg(vm, v)?;
                            let h = match f64_to_f16(f) {
                                Some(h) => h,
                                None => {
                                    return Err(
                                        vm.overflow_error("float too large to pack with e format")
                                    )
                                }
                            };
                            put_uint(dst, h as u64, big);
                        }
                        b'f' => {
                            let f = float_arg(vm, v)?;
                            let x = f as f32;
                            if x.is_infinite() && f.is_finite() {
                                return Err(
                                    vm.overflow_error("float too large to pack with f format")
                                );
                            }
                            put_uint(dst, x.to_bits() as u64, big);
                        }
                        b'd' => {
                            let f = float_arg(vm, v)?;
                            put_uint(dst, f.to_bits(), big);
                        }
                        _ => pack_int(vm, it, v, dst, big)?,
                    }
                }
            }
        }
    }
    Ok(())
}

fn unpack_buf(_vm: &mut Vm, lay: &Layout, data: &[u8]) -> PyResult<Value> {
    let big = lay.order == Order::Big;
    let mut out = Vec::with_capacity(lay.nargs);
    for it in &lay.items {
        match it.code {
            b'x' => {}
            b's' => out.push(Value::bytes(data[it.offset..it.offset + it.count].to_vec())),
            b'p' => {
                if it.count == 0 {
                    out.push(Value::bytes(Vec::new()));
                } else {
                    let n = (data[it.offset] as usize).min(it.count - 1);
                    out.push(Value::bytes(
                        data[it.offset + 1..it.offset + 1 + n].to_vec(),
                    ));
                }
            }
            _ => {
                for k in 0..it.count {
                    let off = it.offset + k * it.size;
                    let src = &data[off..off + it.size];
                    let x = get_uint(src, big);
                    let v = match it.code {
                        b'c' => Value::bytes(vec![src[0]]),
                        b'?' => Value::Bool(x != 0),
                        b'e' => Value::Float(f16_to_f64(x as u16)),
                        b'f' => Value::Float(f32::from_bits(x as u32) as f64),
                        b'd' => Value::Float(f64::from_bits(x)),
                        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => {
                            let bits = it.size * 8;
                            let v = if bits >= 64 {
                                x as i64
                            } else {
                                ((x << (64 - bits)) as i64) >> (64 - bits)
                            };
                            Value::Int(v)
                        }
                        _ => {
                            if x > i64::MAX as u64 {
                                Value::bigint(BigInt::from(x))
                            } else {
                                Value::Int(x as i64)
                            }
                        }
                    };
                    out.push(v);
                }
            }
        }
    }
    Ok(Value::tuple(out))
}

// ---------------------------------------------------------------------- functions

/// `struct`: the functions in Rust, `Struct` a thin Python class over them.
pub fn init(vm: &mut Vm, globals: &Value) -> PyResult<()> {
    super::native_then_frozen(vm, globals, native, "struct")
}

fn native(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    add_fns(
        d,
        &[
            ("pack", st_pack),
            ("unpack", st_unpack),
            ("unpack_from", st_unpack_from),
            ("pack_into", st_pack_into),
            ("calcsize", st_calcsize),
            ("iter_unpack", st_iter_unpack),
        ],
    );
    let err = module_exc(vm, "struct", "error", TypeId::Exception);
    d.set_str("error", err);
    Ok(())
}

pub(crate) const STRUCT_SRC: &str = "
class Struct:
    def __init__(self, format):
        if isinstance(format, bytes):
            format = format.decode()
        self.format = format
        self.size = calcsize(format)
    def pack(self, *args):
        return pack(self.format, *args)
    def pack_into(self, buffer, offset, *args):
        return pack_into(self.format, buffer, offset, *args)
    def unpack(self, buffer):
        return unpack(self.format, buffer)
    def unpack_from(self, buffer, offset=0):
        return unpack_from(self.format, buffer, offset)
    def iter_unpack(self, buffer):
        return iter_unpack(self.format, buffer)
    def __repr__(self):
        return 'Struct(%r)' % (self.format,)
Struct.__module__ = 'struct'
";

fn layout_arg(vm: &mut Vm, args: &Args) -> PyResult<Layout> {
    let f = fmt_arg(vm, args.arg(0, "format"))?;
    parse_format(vm, &f)
}

fn st_calcsize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let lay = layout_arg(vm, &args)?;
    Ok(Value::Int(lay.size as i64))
}

fn st_pack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let lay = layout_arg(vm, &args)?;
    vm.check_alloc(lay.size)?;
    let mut out = vec![0u8; lay.size];
    let vals = args.pos.get(1..).unwrap_or(&[]);
    pack_into_buf(vm, &lay, vals, &mut out)?;
    Ok(Value::bytes(out))
}

fn st_unpack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let lay = layout_arg(vm, &args)?;
    let buf = match args.arg(1, "buffer") {
        Some(b) => b.clone(),
        None => return Err(vm.type_error("unpack expected 2 arguments")),
    };
    let data = buffer_bytes(vm, &buf)?;
    if data.len() != lay.size {
        return Err(struct_error(
            vm,
            format!("unpack requires a buffer of {} bytes", lay.size),
        ));
    }
    unpack_buf(vm, &lay, &data)
}

fn offset_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        Some(v) => match int_value(vm, v)? {
            Some(n) => match n.to_i64() {
                Some(i) => Ok(i),
                None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
            },
            None => {
                let t = vm.type_name(v);
                Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    t
                )))
            }
        },
        None => Ok(0),
    }
}

fn st_unpack_from(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let lay = layout_arg(vm, &args)?;
    let buf = match args.arg(1, "buffer") {
        Some(b) => b.clone(),
        None => return Err(vm.type_error("unpack_from() missing required argument 'buffer'")),
    };
    let data = buffer_bytes(vm, &buf)?;
    let mut off = offset_arg(vm, args.arg(2, "offset"))?;
    let len = data.len() as i64;
    if off < 0 {
        if off + len < 0 {
            return Err(struct_error(
                vm,
                format!("offset {} out of range for {}-byte buffer", off, len),
            ));
        }
        off += len;
    }
    let need = lay.size as i64;
    if len - off < need {
        let msg = if off > len {
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
                need.saturating_add(off), need, off, len
            )
        } else {
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
                need + off, need, off, len
            )
        };
        return Err(struct_error(vm, msg));
    }
    let off = off as usize;
    unpack_buf(vm, &lay, &data[off..off + lay.size])
}

fn st_pack_into(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let lay = layout_arg(vm, &args)?;
    if args.pos.len() < 3 {
        return Err(vm.type_error(String::from(
            "pack_into expected buffer argument and offset",
        )));
    }
    let buf = args.pos[1].clone();
    let mut off = offset_arg(vm, Some(&args.pos[2]))?;
    let vals = &args.pos[3..];
    // pack first (values are checked before the buffer is touched)
    if vals.len() != lay.nargs {
        return Err(struct_error(
            vm,
            format!(
                "pack_into expected {} items for packing (got {})",
                lay.nargs,
                vals.len()
            ),
        ));
    }
    vm.check_alloc(lay.size)?;
    let mut packed = vec![0u8; lay.size];
    pack_into_buf(vm, &lay, vals, &mut packed)?;
    with_writable(vm, &buf, |vm, target: &mut [u8]| {
        let len = target.len() as i64;
        if off < 0 {
            if off + len < 0 {
                return Err(struct_error(
                    vm,
                    format!("offset {} out of range for {}-byte buffer", off, len),
                ));
            }
            off += len;
        }
        let need = lay.size as i64;
        if len - off < need {
            return Err(struct_error(
                vm,
                format!(
                    "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {} (actual buffer size is {})",
                    need.saturating_add(off), need, off, len
                ),
            ));
        }
        let o = off as usize;
        target[o..o + lay.size].copy_from_slice(&packed);
        Ok(())
    })?;
    Ok(Value::None)
}

/// Run `f` over the bytes of a writable buffer (bytearray, memoryview of one, array).
pub fn with_writable(
    vm: &mut Vm,
    buf: &Value,
    f: impl FnOnce(&mut Vm, &mut [u8]) -> PyResult<()>,
) -> PyResult<()> {
    if let Value::Obj(o) = buf {
        match &**o {
            Obj::ByteArray(b) => {
                // copy out so no borrow is held while building errors
                let mut tmp = b.borrow().clone();
                f(vm, &mut tmp)?;
                *b.borrow_mut() = tmp;
                return Ok(());
            }
            Obj::MemoryView(m) => {
                if let Value::Obj(mo) = &m.obj {
                    if let Obj::ByteArray(b) = &**mo {
                        let mut all = b.borrow().clone();
                        let end = (m.start + m.len).min(all.len());
                        let start = m.start.min(end);
                        f(vm, &mut all[start..end])?;
                        *b.borrow_mut() = all;
                        return Ok(());
                    }
                }
                if let Some(a) = super::native_ref::<super::array::Array>(&m.obj) {
                    let mut all = a.data.borrow().clone();
                    let end = (m.start + m.len).min(all.len());
                    let start = m.start.min(end);
                    f(vm, &mut all[start..end])?;
                    *a.data.borrow_mut() = all;
                    return Ok(());
                }
            }
            Obj::Native(_) => {
                if let Some(a) = super::native_ref::<super::array::Array>(buf) {
                    let mut tmp = a.data.borrow().clone();
                    f(vm, &mut tmp)?;
                    *a.data.borrow_mut() = tmp;
                    return Ok(());
                }
            }
            Obj::Instance(_) => {
                let b = vm.base_value(buf);
                if !b.is(buf) {
                    return with_writable(vm, &b, f);
                }
            }
            _ => {}
        }
    }
    let t = vm.type_name(buf);
    Err(vm.type_error(format!(
        "argument must be read-write bytes-like object, not {}",
        t
    )))
}

fn st_iter_unpack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let lay = layout_arg(vm, &args)?;
    let buf = match args.arg(1, "buffer") {
        Some(b) => b.clone(),
        None => return Err(vm.type_error("iter_unpack expected 2 arguments")),
    };
    let data = buffer_bytes(vm, &buf)?;
    if lay.size == 0 {
        return Err(struct_error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    if data.len() % lay.size != 0 {
        return Err(struct_error(
            vm,
            format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                lay.size
            ),
        ));
    }
    let mut out = Vec::with_capacity(data.len() / lay.size);
    for chunk in data.chunks(lay.size) {
        out.push(unpack_buf(vm, &lay, chunk)?);
    }
    let l = Value::list(out);
    vm.get_iter(&l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_floats() {
        for &(x, h) in &[
            (1.0f64, 0x3c00u16),
            (-2.0, 0xc000),
            (65504.0, 0x7bff),
            (0.5, 0x3800),
            (5.960464477539063e-08, 0x0001),
            (6.103515625e-05, 0x0400),
            (0.0, 0x0000),
        ] {
            assert_eq!(f64_to_f16(x), Some(h), "{}", x);
            assert_eq!(f16_to_f64(h), x);
        }
        assert_eq!(f64_to_f16(65520.0), None);
        assert_eq!(f64_to_f16(1.0 + 1.0 / 2048.0), Some(0x3c00)); // ties to even
    }

    #[test]
    fn ints() {
        let mut b = [0u8; 4];
        put_uint(&mut b, 0x01020304, true);
        assert_eq!(b, [1, 2, 3, 4]);
        assert_eq!(get_uint(&b, false), 0x04030201);
    }
}
