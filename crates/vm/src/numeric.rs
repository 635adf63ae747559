//! Arithmetic on int (i64 with promotion to bigint), float and complex.

use core::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::ast::BinOp;
use crate::value::{Obj, Value};
use crate::vm::{PyResult, Vm};

/// A number in one of the representations the arithmetic works on.
pub enum Num {
    Int(i64),
    Big(BigInt),
    Float(f64),
    Complex(f64, f64),
}

pub fn as_num(v: &Value) -> Option<Num> {
    match v {
        Value::Int(i) => Some(Num::Int(*i)),
        Value::Bool(b) => Some(Num::Int(*b as i64)),
        Value::Float(f) => Some(Num::Float(*f)),
        Value::Obj(o) => match &**o {
            Obj::BigInt(b) => Some(Num::Big(b.clone())),
            Obj::Complex(r, i) => Some(Num::Complex(*r, *i)),
            _ => None,
        },
        _ => None,
    }
}

fn big(n: &Num) -> BigInt {
    match n {
        Num::Int(i) => BigInt::from(*i),
        Num::Big(b) => b.clone(),
        _ => BigInt::zero(),
    }
}

pub fn big_to_f64(b: &BigInt) -> Option<f64> {
    let f = b.to_f64()?;
    if f.is_finite() {
        Some(f)
    } else {
        None
    }
}

fn to_f(vm: &mut Vm, n: &Num) -> PyResult<f64> {
    Ok(match n {
        Num::Int(i) => *i as f64,
        Num::Big(b) => match big_to_f64(b) {
            Some(f) => f,
            None => return Err(vm.overflow_error("int too large to convert to float")),
        },
        Num::Float(f) => *f,
        Num::Complex(r, _) => *r,
    })
}

/// Python's float floor-division and modulo.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let m = a % b;
    let mut div = (a - m) / b;
    let mut m = m;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = libm::floor(div);
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

fn pow_f(vm: &mut Vm, a: f64, b: f64) -> PyResult<Value> {
    if a == 0.0 && b < 0.0 {
        return Err(vm.err(
            crate::types::TypeId::ZeroDivisionError,
            "0.0 cannot be raised to a negative power",
        ));
    }
    if a < 0.0 && b != libm::floor(b) {
        // a complex result
        let (r, th) = (libm::pow(-a, b), core::f64::consts::PI * b);
        return Ok(Value::obj(Obj::Complex(
            r * libm::cos(th),
            r * libm::sin(th),
        )));
    }
    Ok(Value::Float(libm::pow(a, b)))
}

fn complex_op(
    vm: &mut Vm,
    op: BinOp,
    (a, b): (f64, f64),
    (c, d): (f64, f64),
) -> PyResult<Option<Value>> {
    let r = match op {
        BinOp::Add => (a + c, b + d),
        BinOp::Sub => (a - c, b - d),
        BinOp::Mult => (a * c - b * d, a * d + b * c),
        BinOp::Div => {
            let den = c * c + d * d;
            if den == 0.0 {
                return Err(vm.err(
                    crate::types::TypeId::ZeroDivisionError,
                    "complex division by zero",
                ));
            }
            ((a * c + b * d) / den, (b * c - a * d) / den)
        }
        BinOp::Pow => {
            if c == 0.0 && d == 0.0 {
                (1.0, 0.0)
            } else if a == 0.0 && b == 0.0 {
                if d != 0.0 || c < 0.0 {
                    return Err(vm.err(
                        crate::types::TypeId::ZeroDivisionError,
                        "0.0 to a negative or complex power",
                    ));
                }
                (0.0, 0.0)
            } else {
                let r = libm::hypot(a, b);
                let th = libm::atan2(b, a);
                let lr = libm::log(r);
                let nr = libm::exp(c * lr - d * th);
                let nth = d * lr + c * th;
                (nr * libm::cos(nth), nr * libm::sin(nth))
            }
        }
        _ => return Ok(None),
    };
    Ok(Some(Value::obj(Obj::Complex(r.0, r.1))))
}

/// Arithmetic between builtin numbers; `Ok(None)` when an operand is not a number.
pub fn binary_numeric(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        match op {
            BinOp::BitAnd => return Ok(Some(Value::Bool(*x & *y))),
            BinOp::BitOr => return Ok(Some(Value::Bool(*x | *y))),
            BinOp::BitXor => return Ok(Some(Value::Bool(*x ^ *y))),
            _ => {}
        }
    }
    let (x, y) = match (as_num(a), as_num(b)) {
        (Some(x), Some(y)) => (x, y),
        _ => return Ok(None),
    };
    // complex
    if matches!(x, Num::Complex(..)) || matches!(y, Num::Complex(..)) {
        let cx = match x {
            Num::Complex(r, i) => (r, i),
            ref n => (to_f(vm, n)?, 0.0),
        };
        let cy = match y {
            Num::Complex(r, i) => (r, i),
            ref n => (to_f(vm, n)?, 0.0),
        };
        return complex_op(vm, op, cx, cy);
    }
    // float
    if matches!(x, Num::Float(_)) || matches!(y, Num::Float(_)) {
        if matches!(
            op,
            BinOp::LShift
                | BinOp::RShift
                | BinOp::BitAnd
                | BinOp::BitOr
                | BinOp::BitXor
                | BinOp::MatMult
        ) {
            return Ok(None);
        }
        let fa = to_f(vm, &x)?;
        let fb = to_f(vm, &y)?;
        let r = match op {
            BinOp::Add => fa + fb,
            BinOp::Sub => fa - fb,
            BinOp::Mult => fa * fb,
            BinOp::Div => {
                if fb == 0.0 {
                    return Err(vm.err(
                        crate::types::TypeId::ZeroDivisionError,
                        "float division by zero",
                    ));
                }
                fa / fb
            }
            BinOp::FloorDiv => {
                if fb == 0.0 {
                    return Err(vm.err(
                        crate::types::TypeId::ZeroDivisionError,
                        "float floor division by zero",
                    ));
                }
                float_divmod(fa, fb).0
            }
            BinOp::Mod => {
                if fb == 0.0 {
                    return Err(vm.err(
                        crate::types::TypeId::ZeroDivisionError,
                        "float modulo by zero",
                    ));
                }
                float_divmod(fa, fb).1
            }
            BinOp::Pow => return pow_f(vm, fa, fb).map(Some),
            _ => return Ok(None),
        };
        return Ok(Some(Value::Float(r)));
    }
    // ints
    if let (Num::Int(p), Num::Int(q)) = (&x, &y) {
        let (p, q) = (*p, *q);
        let r = match op {
            BinOp::Add => p.checked_add(q),
            BinOp::Sub => p.checked_sub(q),
            BinOp::Mult => p.checked_mul(q),
            BinOp::FloorDiv => {
                if q == 0 {
                    return Err(vm.zero_div());
                }
                if p == i64::MIN && q == -1 {
                    None
                } else {
                    Some(Integer::div_floor(&p, &q))
                }
            }
            BinOp::Mod => {
                if q == 0 {
                    return Err(vm.zero_div());
                }
                if q == -1 {
                    Some(0)
                } else {
                    Some(p.mod_floor(&q))
                }
            }
            BinOp::Div => {
                if q == 0 {
                    return Err(vm.err(crate::types::TypeId::ZeroDivisionError, "division by zero"));
                }
                return Ok(Some(Value::Float(int_true_div(
                    &BigInt::from(p),
                    &BigInt::from(q),
                ))));
            }
            BinOp::BitAnd => Some(p & q),
            BinOp::BitOr => Some(p | q),
            BinOp::BitXor => Some(p ^ q),
            BinOp::LShift => {
                if q < 0 {
                    return Err(vm.value_error("negative shift count"));
                }
                if q < 63 && (p.abs() < (1i64 << (62 - q))) {
                    Some(p << q)
                } else {
                    None
                }
            }
            BinOp::RShift => {
                if q < 0 {
                    return Err(vm.value_error("negative shift count"));
                }
                Some(if q >= 64 {
                    if p < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    p >> q
                })
            }
            BinOp::Pow => {
                if q < 0 {
                    return pow_f(vm, p as f64, q as f64).map(Some);
                }
                if q <= u32::MAX as i64 {
                    p.checked_pow(q as u32)
                } else {
                    None
                }
            }
            BinOp::MatMult => return Ok(None),
        };
        if let Some(r) = r {
            return Ok(Some(Value::Int(r)));
        }
    }
    // bigint path
    let (p, q) = (big(&x), big(&y));
    let r = match op {
        BinOp::Add => p + q,
        BinOp::Sub => p - q,
        BinOp::Mult => {
            let bits = p.bits() + q.bits();
            vm.check_alloc((bits / 8) as usize)?;
            p * q
        }
        BinOp::FloorDiv => {
            if q.is_zero() {
                return Err(vm.zero_div());
            }
            p.div_floor(&q)
        }
        BinOp::Mod => {
            if q.is_zero() {
                return Err(vm.zero_div());
            }
            p.mod_floor(&q)
        }
        BinOp::Div => {
            if q.is_zero() {
                return Err(vm.err(crate::types::TypeId::ZeroDivisionError, "division by zero"));
            }
            return Ok(Some(Value::Float(int_true_div(&p, &q))));
        }
        BinOp::BitAnd => p & q,
        BinOp::BitOr => p | q,
        BinOp::BitXor => p ^ q,
        BinOp::LShift => {
            if q.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let n = match q.to_u64() {
                Some(n) if n < (1 << 32) => n,
                _ => return Err(vm.overflow_error("shift count too large")),
            };
            vm.check_alloc((p.bits() + n) as usize / 8)?;
            p << n as usize
        }
        BinOp::RShift => {
            if q.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            match q.to_u64() {
                Some(n) if n < (1 << 32) => p >> n as usize,
                _ => {
                    if p.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                }
            }
        }
        BinOp::Pow => {
            if q.is_negative() {
                let fa = to_f(vm, &Num::Big(p))?;
                let fb = to_f(vm, &Num::Big(q))?;
                return pow_f(vm, fa, fb).map(Some);
            }
            let e = match q.to_u32() {
                Some(e) => e,
                None => {
                    if p.is_zero() || p == BigInt::from(1) {
                        return Ok(Some(Value::bigint(p)));
                    }
                    if p == BigInt::from(-1) {
                        return Ok(Some(Value::Int(if q.is_even() { 1 } else { -1 })));
                    }
                    return Err(vm.memory_error());
                }
            };
            let est = (p.bits() as u128) * (e as u128) / 8;
            if est > vm.shared.config.heap_limit as u128 {
                return Err(vm.memory_error());
            }
            vm.check_alloc(est as usize)?;
            num_traits::pow::Pow::pow(&p, e)
        }
        BinOp::MatMult => return Ok(None),
    };
    Ok(Some(Value::bigint(r)))
}

/// Correctly rounded int / int → float (for huge operands too).
pub fn int_true_div(p: &BigInt, q: &BigInt) -> f64 {
    if let (Some(a), Some(b)) = (p.to_i64(), q.to_i64()) {
        if a.unsigned_abs() < (1u64 << 53) && b.unsigned_abs() < (1u64 << 53) {
            return a as f64 / b as f64;
        }
    }
    match (big_to_f64(p), big_to_f64(q)) {
        (Some(a), Some(b)) if a.abs() < 9.0e15 && b.abs() < 9.0e15 => a / b,
        _ => {
            // scale to keep 64 significant bits of the quotient
            let neg = p.is_negative() != q.is_negative();
            let (pa, qa) = (p.abs(), q.abs());
            let shift = pa.bits() as i64 - qa.bits() as i64 - 64;
            let (n, d) = if shift > 0 {
                (pa, qa << shift as usize)
            } else {
                (pa << (-shift) as usize, qa)
            };
            let quo = n / d;
            let f = quo.to_f64().unwrap_or(f64::INFINITY) * libm::pow(2.0, shift as f64);
            if neg {
                -f
            } else {
                f
            }
        }
    }
}

/// Ordering between two builtin real numbers: `Some(Some(ord))`, `Some(None)` for NaN,
/// `None` when either is not a real number.
pub fn compare_numeric(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    let (x, y) = (as_num(a)?, as_num(b)?);
    if matches!(x, Num::Complex(..)) || matches!(y, Num::Complex(..)) {
        return None;
    }
    Some(match (&x, &y) {
        (Num::Int(p), Num::Int(q)) => Some(p.cmp(q)),
        (Num::Float(p), Num::Float(q)) => p.partial_cmp(q),
        (Num::Int(_) | Num::Big(_), Num::Float(f)) => cmp_int_float(&big(&x), *f),
        (Num::Float(f), Num::Int(_) | Num::Big(_)) => {
            cmp_int_float(&big(&y), *f).map(|o| o.reverse())
        }
        _ => Some(big(&x).cmp(&big(&y))),
    })
}

fn cmp_int_float(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = libm::floor(f);
    let fb = BigInt::from_f64_exact(fl);
    match i.cmp(&fb) {
        Ordering::Equal => {
            if f > fl {
                Some(Ordering::Less)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

trait FromF64Exact {
    fn from_f64_exact(f: f64) -> BigInt;
}
impl FromF64Exact for BigInt {
    fn from_f64_exact(f: f64) -> BigInt {
        num_traits::FromPrimitive::from_f64(f).unwrap_or_default()
    }
}

/// `int(float)` with truncation toward zero.
pub fn float_to_int(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = libm::trunc(f);
    if t.abs() < 9.0e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(Value::bigint(BigInt::from_f64_exact(t)))
}
