//! `math`: MicroPython's math functions plus the cheap CPython ones, on `libm`.
//!
//! Errors follow CPython: a NaN result from non-NaN input, or an infinite result from finite
//! input where the function cannot overflow, is `ValueError("math domain error")`; an
//! infinite result from finite input where it can is `OverflowError("math range error")`.

use alloc::format;
use alloc::vec::Vec;

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::ast::BinOp;
use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::add_fns;

const PI: f64 = core::f64::consts::PI;
const E: f64 = core::f64::consts::E;

pub fn init(_vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    d.set_str("pi", Value::Float(PI));
    d.set_str("e", Value::Float(E));
    d.set_str("tau", Value::Float(2.0 * PI));
    d.set_str("inf", Value::Float(f64::INFINITY));
    d.set_str("nan", Value::Float(f64::NAN));
    add_fns(
        d,
        &[
            ("sqrt", m_sqrt),
            ("exp", m_exp),
            ("expm1", m_expm1),
            ("log", m_log),
            ("log2", m_log2),
            ("log10", m_log10),
            ("log1p", m_log1p),
            ("pow", m_pow),
            ("sin", m_sin),
            ("cos", m_cos),
            ("tan", m_tan),
            ("asin", m_asin),
            ("acos", m_acos),
            ("atan", m_atan),
            ("atan2", m_atan2),
            ("sinh", m_sinh),
            ("cosh", m_cosh),
            ("tanh", m_tanh),
            ("asinh", m_asinh),
            ("acosh", m_acosh),
            ("atanh", m_atanh),
            ("erf", m_erf),
            ("erfc", m_erfc),
            ("gamma", m_gamma),
            ("lgamma", m_lgamma),
            ("degrees", m_degrees),
            ("radians", m_radians),
            ("floor", m_floor),
            ("ceil", m_ceil),
            ("trunc", m_trunc),
            ("fabs", m_fabs),
            ("fmod", m_fmod),
            ("remainder", m_remainder),
            ("frexp", m_frexp),
            ("ldexp", m_ldexp),
            ("modf", m_modf),
            ("copysign", m_copysign),
            ("hypot", m_hypot),
            ("dist", m_dist),
            ("isnan", m_isnan),
            ("isinf", m_isinf),
            ("isfinite", m_isfinite),
            ("isclose", m_isclose),
            ("nextafter", m_nextafter),
            ("ulp", m_ulp),
            ("gcd", m_gcd),
            ("lcm", m_lcm),
            ("isqrt", m_isqrt),
            ("factorial", m_factorial),
            ("comb", m_comb),
            ("perm", m_perm),
            ("prod", m_prod),
            ("fsum", m_fsum),
        ],
    );
    Ok(())
}

// ---------------------------------------------------------------------- argument helpers

/// A real-number argument as f64 (int, bool, float, big int, `__float__`/`__index__`).
pub fn float_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Float(f) => Ok(*f),
        Value::Obj(o) => match &**o {
            Obj::BigInt(_) | Obj::Instance(_) => {
                if matches!(&**o, Obj::Instance(_)) {
                    let b = vm.base_value(v);
                    if b.is(v) && vm.lookup_special(v, "__float__").is_none() {
                        if let Some(m) = vm.lookup_special(v, "__index__") {
                            let r = vm.call(&m, core::slice::from_ref(v))?;
                            return float_arg(vm, &r);
                        }
                        let t = vm.type_name(v);
                        return Err(vm.type_error(format!("must be real number, not {}", t)));
                    }
                }
                vm.to_f64(v)
            }
            _ => {
                let t = vm.type_name(v);
                Err(vm.type_error(format!("must be real number, not {}", t)))
            }
        },
        _ => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("must be real number, not {}", t)))
        }
    }
}

/// An integer argument (int, bool, big int, `__index__`) as a BigInt.
pub fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match v {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Bool(b) => Ok(BigInt::from(*b as i64)),
        Value::Obj(o) => match &**o {
            Obj::BigInt(b) => Ok(b.clone()),
            Obj::Instance(_) => {
                let b = vm.base_value(v);
                if !b.is(v) {
                    return int_arg(vm, &b);
                }
                if let Some(m) = vm.lookup_special(v, "__index__") {
                    let r = vm.call(&m, core::slice::from_ref(v))?;
                    if matches!(r, Value::Int(_) | Value::Bool(_))
                        || matches!(&r, Value::Obj(o) if matches!(&**o, Obj::BigInt(_)))
                    {
                        return int_arg(vm, &r);
                    }
                    return Err(vm.type_error("__index__ returned non-int"));
                }
                let t = vm.type_name(v);
                Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    t
                )))
            }
            _ => {
                let t = vm.type_name(v);
                Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    t
                )))
            }
        },
        _ => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                t
            )))
        }
    }
}

fn nargs(vm: &mut Vm, args: &Args, n: usize, fname: &str) -> PyResult<()> {
    if args.pos.len() != n {
        return Err(vm.type_error(format!(
            "{}() takes exactly {} argument{} ({} given)",
            fname,
            n,
            if n == 1 { "" } else { "s" },
            args.pos.len()
        )));
    }
    Ok(())
}

fn arg1(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<f64> {
    nargs(vm, args, 1, fname)?;
    float_arg(vm, &args.pos[0])
}

fn arg2(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<(f64, f64)> {
    nargs(vm, args, 2, fname)?;
    let a = float_arg(vm, &args.pos[0])?;
    let b = float_arg(vm, &args.pos[1])?;
    Ok((a, b))
}

pub fn domain_error(vm: &mut Vm) -> crate::vm::PyErr {
    vm.value_error("math domain error")
}

pub fn range_error(vm: &mut Vm) -> crate::vm::PyErr {
    vm.overflow_error("math range error")
}

/// CPython's `math_1` error rules for a function result `r` of input `x`.
fn check1(vm: &mut Vm, x: f64, r: f64, can_overflow: bool) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(vm)
        } else {
            domain_error(vm)
        });
    }
    Ok(Value::Float(r))
}

macro_rules! math1 {
    ($name:ident, $pyname:expr, $f:expr, $ovf:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            let x = arg1(vm, &args, $pyname)?;
            let f: fn(f64) -> f64 = $f;
            check1(vm, x, f(x), $ovf)
        }
    };
}

math1!(m_sqrt, "sqrt", libm::sqrt, false);
math1!(m_exp, "exp", libm::exp, true);
math1!(m_expm1, "expm1", libm::expm1, true);
math1!(m_log1p, "log1p", libm::log1p, false);
math1!(m_sin, "sin", libm::sin, false);
math1!(m_cos, "cos", libm::cos, false);
math1!(m_tan, "tan", libm::tan, false);
math1!(m_asin, "asin", libm::asin, false);
math1!(m_acos, "acos", libm::acos, false);
math1!(m_atan, "atan", libm::atan, false);
math1!(m_sinh, "sinh", libm::sinh, true);
math1!(m_cosh, "cosh", libm::cosh, true);
math1!(m_tanh, "tanh", libm::tanh, false);
math1!(m_asinh, "asinh", libm::asinh, false);
math1!(m_acosh, "acosh", libm::acosh, false);
math1!(m_atanh, "atanh", libm::atanh, false);
math1!(m_erf, "erf", libm::erf, false);
math1!(m_erfc, "erfc", libm::erfc, false);
math1!(m_fabs, "fabs", libm::fabs, false);

fn m_degrees(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = arg1(vm, &args, "degrees")?;
    Ok(Value::Float(x * (180.0 / PI)))
}
fn m_radians(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = arg1(vm, &args, "radians")?;
    Ok(Value::Float(x * (PI / 180.0)))
}

fn m_gamma(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = arg1(vm, &args, "gamma")?;
    if x == 0.0 || (x < 0.0 && x == libm::floor(x)) || x == f64::NEG_INFINITY {
        return Err(domain_error(vm));
    }
    check1(vm, x, libm::tgamma(x), true)
}

fn m_lgamma(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = arg1(vm, &args, "lgamma")?;
    if x <= 0.0 && x == libm::floor(x) && x.is_finite() {
        return Err(domain_error(vm));
    }
    if x.is_infinite() {
        return Ok(Value::Float(f64::INFINITY));
    }
    check1(vm, x, libm::lgamma(x), true)
}

// ---------------------------------------------------------------------- logarithms

/// log(x) of any real value, including big ints beyond the float range.
fn log_of(vm: &mut Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Value::Obj(o) = v {
        if let Obj::BigInt(b) = &**o {
            if b.sign() != Sign::Plus {
                return Err(domain_error(vm));
            }
            if let Some(x) = crate::numeric::big_to_f64(b) {
                return Ok(f(x));
            }
            // too large for a float: log(m * 2**e) = log(m) + e*log(2), m in [0.5, 1)
            let bits = b.bits();
            let shift = bits.saturating_sub(60);
            let m: BigInt = b >> shift;
            let mf = m.to_f64().unwrap_or(1.0) / (1u64 << (bits - shift)) as f64;
            return Ok(f(mf) + (bits as f64) * f(2.0));
        }
    }
    let x = float_arg(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain_error(vm));
    }
    Ok(f(x))
}

fn m_log(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() || args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "log expected 1 or 2 arguments, got {}",
            args.pos.len()
        )));
    }
    let num = log_of(vm, &args.pos[0], libm::log)?;
    if let Some(b) = args.pos.get(1) {
        let den = log_of(vm, b, libm::log)?;
        if den == 0.0 {
            return Err(vm.err(
                crate::types::TypeId::ZeroDivisionError,
                "float division by zero",
            ));
        }
        return Ok(Value::Float(num / den));
    }
    Ok(Value::Float(num))
}

fn m_log2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    nargs(vm, &args, 1, "log2")?;
    Ok(Value::Float(log_of(vm, &args.pos[0], libm::log2)?))
}

fn m_log10(vm: &mut Vm, args: Args) -> PyResult<Value> {
    nargs(vm, &args, 1, "log10")?;
    Ok(Value::Float(log_of(vm, &args.pos[0], libm::log10)?))
}

// ---------------------------------------------------------------------- two-argument

fn m_pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = arg2(vm, &args, "pow")?;
    // CPython's special cases (C99 Annex F)
    let r = if x.is_finite() && y.is_finite() {
        let r = libm::pow(x, y);
        if r.is_nan() {
            return Err(domain_error(vm));
        }
        if r.is_infinite() {
            return Err(if x == 0.0 {
                domain_error(vm)
            } else {
                range_error(vm)
            });
        }
        r
    } else if x.is_nan() {
        if y == 0.0 {
            1.0
        } else {
            x
        }
    } else if y.is_nan() {
        if x == 1.0 {
            1.0
        } else {
            y
        }
    } else {
        libm::pow(x, y)
    };
    Ok(Value::Float(r))
}

fn m_atan2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (y, x) = arg2(vm, &args, "atan2")?;
    Ok(Value::Float(libm::atan2(y, x)))
}

fn m_fmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = arg2(vm, &args, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = libm::fmod(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(Value::Float(r))
}

fn m_remainder(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = arg2(vm, &args, "remainder")?;
    if x.is_nan() || y.is_nan() {
        return Ok(Value::Float(f64::NAN));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain_error(vm));
    }
    if y.is_infinite() {
        return Ok(Value::Float(x));
    }
    Ok(Value::Float(libm::remainder(x, y)))
}

fn m_copysign(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = arg2(vm, &args, "copysign")?;
    Ok(Value::Float(libm::copysign(x, y)))
}

fn m_nextafter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = arg2(vm, &args, "nextafter")?;
    Ok(Value::Float(libm::nextafter(x, y)))
}

fn m_ulp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = arg1(vm, &args, "ulp")?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    let x = libm::fabs(x);
    if x.is_infinite() {
        return Ok(Value::Float(x));
    }
    let x2 = libm::nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        let x2 = libm::nextafter(x, -f64::INFINITY);
        return Ok(Value::Float(x - x2));
    }
    Ok(Value::Float(x2 - x))
}

// ---------------------------------------------------------------------- rounding

fn round_common(vm: &mut Vm, args: Args, fname: &str, special: &str, how: u8) -> PyResult<Value> {
    nargs(vm, &args, 1, fname)?;
    let v = &args.pos[0];
    match v {
        Value::Int(_) => return Ok(v.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Float(_) => {}
        Value::Obj(o) => match &**o {
            Obj::BigInt(_) => return Ok(v.clone()),
            Obj::Instance(_) => {
                if let Some(m) = vm.lookup_special(v, special) {
                    return vm.call(&m, core::slice::from_ref(v));
                }
                let b = vm.base_value(v);
                if !b.is(v) {
                    return round_common(vm, Args::new(&[b]), fname, special, how);
                }
            }
            _ => {}
        },
        _ => {}
    }
    if how == 2 && !matches!(v, Value::Float(_)) {
        // trunc() of an object without __trunc__
        let t = vm.type_name(v);
        return Err(vm.type_error(format!("type {} doesn't define __trunc__ method", t)));
    }
    let x = float_arg(vm, v)?;
    let r = match how {
        0 => libm::floor(x),
        1 => libm::ceil(x),
        _ => libm::trunc(x),
    };
    crate::numeric::float_to_int(vm, r)
}

fn m_floor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    round_common(vm, args, "floor", "__floor__", 0)
}
fn m_ceil(vm: &mut Vm, args: Args) -> PyResult<Value> {
    round_common(vm, args, "ceil", "__ceil__", 1)
}
fn m_trunc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    round_common(vm, args, "trunc", "__trunc__", 2)
}

// ---------------------------------------------------------------------- float parts

fn m_frexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = arg1(vm, &args, "frexp")?;
    if !x.is_finite() || x == 0.0 {
        return Ok(Value::tuple(alloc::vec![Value::Float(x), Value::Int(0)]));
    }
    let (m, e) = libm::frexp(x);
    Ok(Value::tuple(alloc::vec![
        Value::Float(m),
        Value::Int(e as i64)
    ]))
}

fn m_ldexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    nargs(vm, &args, 2, "ldexp")?;
    let x = float_arg(vm, &args.pos[0])?;
    if matches!(args.pos[1], Value::Float(_)) {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    }
    let e = int_arg(vm, &args.pos[1])?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    // clamp: anything beyond +-2200 already over/underflows every finite double
    let e = e
        .to_i64()
        .unwrap_or(if e.is_negative() { -10000 } else { 10000 });
    let e = e.clamp(-10000, 10000) as i32;
    let r = libm::scalbn(x, e);
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

fn m_modf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = arg1(vm, &args, "modf")?;
    if x.is_infinite() {
        return Ok(Value::tuple(alloc::vec![
            Value::Float(libm::copysign(0.0, x)),
            Value::Float(x)
        ]));
    }
    let (f, i) = libm::modf(x);
    Ok(Value::tuple(alloc::vec![Value::Float(f), Value::Float(i)]))
}

// ---------------------------------------------------------------------- classification

fn m_isnan(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = arg1(vm, &args, "isnan")?;
    Ok(Value::Bool(x.is_nan()))
}
fn m_isinf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = arg1(vm, &args, "isinf")?;
    Ok(Value::Bool(x.is_infinite()))
}
fn m_isfinite(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = arg1(vm, &args, "isfinite")?;
    Ok(Value::Bool(x.is_finite()))
}

fn m_isclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    nargs(vm, &args, 2, "isclose")?;
    let a = float_arg(vm, &args.pos[0])?;
    let b = float_arg(vm, &args.pos[1])?;
    let rel_tol = match args.kwarg("rel_tol") {
        Some(v) => float_arg(vm, v)?,
        None => 1e-9,
    };
    let abs_tol = match args.kwarg("abs_tol") {
        Some(v) => float_arg(vm, v)?,
        None => 0.0,
    };
    for (k, _) in args.kw {
        let k = k.as_str().map(|s| s.as_str()).unwrap_or("");
        if k != "rel_tol" && k != "abs_tol" {
            return Err(vm.type_error(format!(
                "isclose() got an unexpected keyword argument '{}'",
                k
            )));
        }
    }
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = libm::fabs(b - a);
    Ok(Value::Bool(
        (diff <= libm::fabs(rel_tol * b)) || (diff <= libm::fabs(rel_tol * a)) || (diff <= abs_tol),
    ))
}

// ---------------------------------------------------------------------- n-ary float

/// sqrt(sum(x*x)) without intermediate overflow; inf wins over nan.
fn hypot_of(xs: &[f64]) -> f64 {
    let mut max = 0.0f64;
    let mut found_nan = false;
    for &x in xs {
        let a = libm::fabs(x);
        if a.is_nan() {
            found_nan = true;
        }
        if a > max {
            max = a;
        }
    }
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || xs.len() <= 1 {
        return max;
    }
    if xs.len() == 2 {
        return libm::hypot(xs[0], xs[1]);
    }
    // scaled sum, compensated
    let mut sum = 0.0f64;
    let mut comp = 0.0f64;
    for &x in xs {
        let s = x / max;
        let y = s * s - comp;
        let t = sum + y;
        comp = (t - sum) - y;
        sum = t;
    }
    max * libm::sqrt(sum)
}

fn m_hypot(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut xs = Vec::with_capacity(args.pos.len());
    for v in args.pos {
        xs.push(float_arg(vm, v)?);
    }
    let r = hypot_of(&xs);
    if r.is_infinite() && xs.iter().all(|x| x.is_finite()) {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

fn m_dist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    nargs(vm, &args, 2, "dist")?;
    let p = vm.to_vec(&args.pos[0])?;
    let q = vm.to_vec(&args.pos[1])?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same dimension"));
    }
    let mut xs = Vec::with_capacity(p.len());
    for (a, b) in p.iter().zip(q.iter()) {
        let a = float_arg(vm, a)?;
        let b = float_arg(vm, b)?;
        xs.push(a - b);
    }
    Ok(Value::Float(hypot_of(&xs)))
}

/// Shewchuk's exactly rounded sum (CPython's `math.fsum`), fed one float at a time.
#[derive(Default)]
pub struct FSum {
    partials: Vec<f64>,
    special_sum: f64,
    inf_sum: f64,
}

impl FSum {
    pub fn add(&mut self, mut x: f64) -> Result<(), &'static str> {
        if !x.is_finite() {
            if x.is_infinite() {
                self.inf_sum += x;
            }
            self.special_sum += x;
            return Ok(());
        }
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if libm::fabs(x) < libm::fabs(y) {
                core::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        if !x.is_finite() {
            return Err("intermediate overflow in fsum");
        }
        self.partials.truncate(i);
        self.partials.push(x);
        Ok(())
    }

    pub fn finish(&self) -> Result<f64, &'static str> {
        if self.special_sum != 0.0 || self.special_sum.is_nan() {
            if self.inf_sum.is_nan() {
                return Err("-inf + inf in fsum");
            }
            return Ok(self.special_sum);
        }
        let p = &self.partials;
        let mut hi = 0.0f64;
        let mut n = p.len();
        if n > 0 {
            n -= 1;
            hi = p[n];
            let mut lo = 0.0;
            while n > 0 {
                let x = hi;
                n -= 1;
                let y = p[n];
                hi = x + y;
                let yr = hi - x;
                lo = y - yr;
                if lo != 0.0 {
                    break;
                }
            }
            if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
                let y = lo * 2.0;
                let x = hi + y;
                let yr = x - hi;
                if y == yr {
                    hi = x;
                }
            }
        }
        Ok(hi)
    }
}

fn m_fsum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    nargs(vm, &args, 1, "fsum")?;
    let it = vm.get_iter(&args.pos[0])?;
    let mut acc = FSum::default();
    while let Some(v) = vm.next(&it)? {
        let x = float_arg(vm, &v)?;
        if let Err(m) = acc.add(x) {
            return Err(vm.overflow_error(m));
        }
    }
    match acc.finish() {
        Ok(r) => Ok(Value::Float(r)),
        Err(m) => Err(vm.value_error(m)),
    }
}

fn m_prod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    nargs(vm, &args, 1, "prod")?;
    let mut acc = match args.kwarg("start") {
        Some(v) => v.clone(),
        None => Value::Int(1),
    };
    let it = vm.get_iter(&args.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        acc = vm.binary_op(BinOp::Mult, &acc, &x)?;
    }
    Ok(acc)
}

// ---------------------------------------------------------------------- integers

fn m_gcd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut g = BigInt::zero();
    for v in args.pos {
        let x = int_arg(vm, v)?;
        g = g.gcd(&x);
    }
    Ok(Value::bigint(g))
}

fn m_lcm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut l = BigInt::one();
    for v in args.pos {
        let x = int_arg(vm, v)?;
        if x.is_zero() || l.is_zero() {
            l = BigInt::zero();
            continue;
        }
        let bytes = (l.bits() + x.bits()) / 8;
        vm.check_alloc(bytes as usize)?;
        l = l.lcm(&x);
    }
    Ok(Value::bigint(l.abs()))
}

fn m_isqrt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    nargs(vm, &args, 1, "isqrt")?;
    let n = int_arg(vm, &args.pos[0])?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::bigint(n.sqrt()))
}

/// An int argument that must fit a machine word and be non-negative.
fn small_nonneg(vm: &mut Vm, v: &Value, fname: &str, what: &str) -> PyResult<Option<u64>> {
    if matches!(v, Value::Float(_)) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = int_arg(vm, v)?;
    if n.is_negative() {
        let _ = fname;
        return Err(vm.value_error(format!("{} must be a non-negative integer", what)));
    }
    Ok(n.to_u64())
}

/// product lo*(lo+1)*...*(hi-1), by binary splitting (fast for big ranges)
fn range_prod(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    if hi - lo <= 16 {
        let mut acc = BigInt::one();
        let mut small: u64 = 1;
        for k in lo..hi {
            match small.checked_mul(k) {
                Some(s) => small = s,
                None => {
                    acc *= small;
                    small = k;
                }
            }
        }
        return acc * small;
    }
    let mid = lo + (hi - lo) / 2;
    range_prod(lo, mid) * range_prod(mid, hi)
}

/// about how many bytes n!/(n-k)! takes
fn prod_bytes(n: u64, k: u64) -> usize {
    let bits_per = 64 - n.max(1).leading_zeros() as u64;
    (k.saturating_mul(bits_per) / 8) as usize
}

fn m_factorial(vm: &mut Vm, args: Args) -> PyResult<Value> {
    nargs(vm, &args, 1, "factorial")?;
    let v = &args.pos[0];
    if matches!(v, Value::Float(_)) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = int_arg(vm, v)?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let n = match n.to_u64() {
        Some(n) if n <= 1 << 40 => n,
        _ => return Err(vm.overflow_error("factorial() argument should not exceed 2**40")),
    };
    vm.check_alloc(prod_bytes(n, n))?;
    Ok(Value::bigint(range_prod(1, n + 1)))
}

fn m_perm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() || args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "perm expected 1 or 2 arguments, got {}",
            args.pos.len()
        )));
    }
    let n = small_nonneg(vm, &args.pos[0], "perm", "n")?;
    let k = match args.pos.get(1) {
        Some(Value::None) | None => None,
        Some(v) => Some(small_nonneg(vm, v, "perm", "k")?),
    };
    let n = match n {
        Some(n) => n,
        None => return Err(vm.overflow_error("n must not exceed 2**64")),
    };
    let k = match k {
        None => n,
        Some(Some(k)) => k,
        Some(None) => return Ok(Value::Int(0)),
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    vm.check_alloc(prod_bytes(n, k))?;
    Ok(Value::bigint(range_prod(n - k + 1, n + 1)))
}

fn m_comb(vm: &mut Vm, args: Args) -> PyResult<Value> {
    nargs(vm, &args, 2, "comb")?;
    let n = small_nonneg(vm, &args.pos[0], "comb", "n")?;
    let k = small_nonneg(vm, &args.pos[1], "comb", "k")?;
    let (n, k) = match (n, k) {
        (Some(n), Some(k)) => (n, k),
        (None, _) => return Err(vm.overflow_error("n must not exceed 2**64")),
        (Some(_), None) => return Ok(Value::Int(0)),
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.min(n - k);
    vm.check_alloc(prod_bytes(n, k))?;
    let num = range_prod(n - k + 1, n + 1);
    let den = range_prod(1, k + 1);
    Ok(Value::bigint(num / den))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn range_products() {
        assert_eq!(range_prod(1, 6), BigInt::from(120));
        assert_eq!(range_prod(5, 5), BigInt::from(1));
        let f30 = range_prod(1, 31);
        assert_eq!(f30.to_string(), "265252859812191058636308480000000");
    }

    fn fsum(v: &[f64]) -> Result<f64, &'static str> {
        let mut acc = FSum::default();
        for &x in v {
            acc.add(x)?;
        }
        acc.finish()
    }

    #[test]
    fn fsum_exact() {
        assert_eq!(fsum(&[0.1; 10]), Ok(1.0));
        assert_eq!(
            fsum(&[1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]),
            Ok(1e-100)
        );
        assert_eq!(fsum(&[]), Ok(0.0));
        assert!(fsum(&[f64::INFINITY, -f64::INFINITY]).is_err());
        assert_eq!(fsum(&[f64::INFINITY, 1.0]), Ok(f64::INFINITY));
    }

    #[test]
    fn hypot_basic() {
        assert_eq!(hypot_of(&[3.0, 4.0]), 5.0);
        assert_eq!(hypot_of(&[]), 0.0);
        assert!(hypot_of(&[f64::NAN, f64::INFINITY]).is_infinite());
        assert!((hypot_of(&[1.0, 2.0, 2.0]) - 3.0).abs() < 1e-15);
    }
}
