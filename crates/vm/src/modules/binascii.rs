//! `binascii`: hex and base64 conversions, crc32.

use alloc::format;
use alloc::vec::Vec;

use crate::dict::Dict;
use crate::types::TypeId;
use crate::value::*;
use crate::vm::{PyErr, PyResult, Vm};

use super::add_fns;
use super::struct_::{buffer_bytes, module_exc, raise_cls};

pub fn init(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    add_fns(
        d,
        &[
            ("hexlify", hexlify),
            ("b2a_hex", hexlify),
            ("unhexlify", unhexlify),
            ("a2b_hex", unhexlify),
            ("b2a_base64", b2a_base64),
            ("a2b_base64", a2b_base64),
            ("crc32", crc32_fn),
        ],
    );
    let e = module_exc(vm, "binascii", "Error", TypeId::ValueError);
    d.set_str("Error", e);
    let i = module_exc(vm, "binascii", "Incomplete", TypeId::Exception);
    d.set_str("Incomplete", i);
    Ok(())
}

fn bin_error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    let cls = module_exc(vm, "binascii", "Error", TypeId::ValueError);
    raise_cls(cls, msg)
}

/// Input of the a2b functions: bytes-like, or a str of ASCII characters.
fn ascii_data(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = v.as_str() {
        if !s.is_ascii() {
            return Err(vm.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.as_str().as_bytes().to_vec());
    }
    buffer_bytes(vm, v)
}

fn need(vm: &mut Vm, args: &Args, i: usize, name: &str, fname: &str) -> PyResult<Value> {
    match args.arg(i, name) {
        Some(v) => Ok(v.clone()),
        None => Err(vm.type_error(format!(
            "{}() missing required argument '{}' (pos {})",
            fname,
            name,
            i + 1
        ))),
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `hexlify(data, sep=None, bytes_per_sep=1)`
fn hexlify(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let data = need(vm, &args, 0, "data", "hexlify")?;
    let data = buffer_bytes(vm, &data)?;
    let sep = match args.arg(1, "sep") {
        None | Some(Value::None) => None,
        Some(s) => {
            let b = match s.as_str() {
                Some(t) => {
                    if !t.is_ascii() {
                        return Err(vm.value_error("sep must be ASCII."));
                    }
                    t.as_str().as_bytes().to_vec()
                }
                None => buffer_bytes(vm, s)?,
            };
            if b.len() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            Some(b[0])
        }
    };
    let per = match args.arg(2, "bytes_per_sep") {
        Some(v) => vm.to_i64(v)?,
        None => 1,
    };
    vm.check_alloc(data.len().saturating_mul(3))?;
    let mut out = Vec::with_capacity(data.len() * 3);
    let n = data.len();
    let group = per.unsigned_abs() as usize;
    for (i, b) in data.iter().enumerate() {
        if let Some(s) = sep {
            if group > 0 && i > 0 {
                // positive: groups counted from the right; negative: from the left
                let boundary = if per > 0 {
                    (n - i) % group == 0
                } else {
                    i % group == 0
                };
                if boundary {
                    out.push(s);
                }
            }
        }
        out.push(HEX[(b >> 4) as usize]);
        out.push(HEX[(b & 15) as usize]);
    }
    Ok(Value::bytes(out))
}

fn hexval(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn unhexlify(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let data = need(vm, &args, 0, "hexstr", "unhexlify")?;
    let data = ascii_data(vm, &data)?;
    if data.len() % 2 != 0 {
        return Err(bin_error(vm, "Odd-length string"));
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks(2) {
        match (hexval(pair[0]), hexval(pair[1])) {
            (Some(a), Some(b)) => out.push(a << 4 | b),
            _ => return Err(bin_error(vm, "Non-hexadecimal digit found")),
        }
    }
    Ok(Value::bytes(out))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn b64_encode(data: &[u8], out: &mut Vec<u8>) {
    for chunk in data.chunks(3) {
        let b0 = chunk[0] as u32;
        let b1 = chunk.get(1).copied().unwrap_or(0) as u32;
        let b2 = chunk.get(2).copied().unwrap_or(0) as u32;
        let n = b0 << 16 | b1 << 8 | b2;
        out.push(B64[(n >> 18) as usize & 63]);
        out.push(B64[(n >> 12) as usize & 63]);
        out.push(if chunk.len() > 1 {
            B64[(n >> 6) as usize & 63]
        } else {
            b'='
        });
        out.push(if chunk.len() > 2 {
            B64[n as usize & 63]
        } else {
            b'='
        });
    }
}

fn b2a_base64(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let data = need(vm, &args, 0, "data", "b2a_base64")?;
    let data = buffer_bytes(vm, &data)?;
    let newline = match args.kwarg("newline") {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    vm.check_alloc(data.len() / 3 * 4 + 8)?;
    let mut out = Vec::with_capacity(data.len() / 3 * 4 + 5);
    b64_encode(&data, &mut out);
    if newline {
        out.push(b'\n');
    }
    Ok(Value::bytes(out))
}

fn b64val(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decode base64 like CPython's non-strict `a2b_base64`: characters outside the alphabet
/// are skipped; a complete pad sequence ends the input. Err is the error message.
pub fn b64_decode(data: &[u8], strict: bool) -> Result<Vec<u8>, &'static str> {
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 3);
    let mut quad = 0;
    let mut left: u32 = 0;
    let mut pads = 0;
    let mut padding_started = false;
    let mut ndata = 0usize;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if strict && quad == 0 {
                return Err("Excess padding not allowed");
            }
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err("Excess data after padding");
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let v = match b64val(c) {
            Some(v) => v as u32,
            None => {
                if strict {
                    return Err("Only base64 data is allowed");
                }
                continue;
            }
        };
        if strict && padding_started {
            return Err("Discontinuous padding not allowed");
        }
        pads = 0;
        ndata += 1;
        match quad {
            0 => {
                quad = 1;
                left = v;
            }
            1 => {
                quad = 2;
                out.push(((left << 2) | (v >> 4)) as u8);
                left = v & 0x0f;
            }
            2 => {
                quad = 3;
                out.push(((left << 4) | (v >> 2)) as u8);
                left = v & 0x03;
            }
            _ => {
                quad = 0;
                out.push(((left << 6) | v) as u8);
                left = 0;
            }
        }
    }
    let _ = ndata;
    if quad != 0 {
        if quad == 1 {
            return Err("1 more");
        }
        return Err("Incorrect padding");
    }
    Ok(out)
}

fn a2b_base64(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let data = need(vm, &args, 0, "data", "a2b_base64")?;
    let data = ascii_data(vm, &data)?;
    let strict = match args.kwarg("strict_mode") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    match b64_decode(&data, strict) {
        Ok(out) => Ok(Value::bytes(out)),
        Err("1 more") => {
            let n = data.iter().filter(|c| b64val(**c).is_some()).count();
            Err(bin_error(
                vm,
                format!(
                    "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
                    n
                ),
            ))
        }
        Err(m) => Err(bin_error(vm, m)),
    }
}

/// CRC-32 (IEEE 802.3, as zlib) continuing from `crc`.
pub fn crc32(data: &[u8], crc: u32) -> u32 {
    let mut c = !crc;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            let mask = (c & 1).wrapping_neg();
            c = (c >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !c
}

fn crc32_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let data = need(vm, &args, 0, "data", "crc32")?;
    let data = buffer_bytes(vm, &data)?;
    let start = match args.arg(1, "crc") {
        Some(v) => match super::struct_::int_value(vm, v)? {
            Some(n) => {
                // only the low 32 bits count, as in CPython
                let m = n & num_bigint::BigInt::from(0xffff_ffffu32);
                num_traits::ToPrimitive::to_u32(&m).unwrap_or(0)
            }
            None => {
                let t = vm.type_name(v);
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    t
                )));
            }
        },
        None => 0,
    };
    Ok(Value::Int(crc32(&data, start) as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc() {
        assert_eq!(crc32(b"123456789", 0), 0xCBF4_3926);
        assert_eq!(crc32(b"", 0), 0);
        assert_eq!(
            crc32(b"world", crc32(b"hello ", 0)),
            crc32(b"hello world", 0)
        );
    }

    #[test]
    fn base64() {
        let mut o = Vec::new();
        b64_encode(b"hello", &mut o);
        assert_eq!(&o, b"aGVsbG8=");
        assert_eq!(b64_decode(b"aGVsbG8=", false).unwrap(), b"hello");
        assert_eq!(b64_decode(b"YQ", false), Err("Incorrect padding"));
        assert_eq!(b64_decode(b"Y", false), Err("1 more"));
        assert_eq!(b64_decode(b"Y!Q==", false).unwrap(), b"a");
    }
}
