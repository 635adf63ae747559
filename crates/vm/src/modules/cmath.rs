//! `cmath`: complex math (MicroPython's set plus a few cheap CPython ones).
//!
//! The formulas are the textbook ones with CPython's handling of zeros and the usual
//! overflow/domain errors; the full C99 Annex G tables of special values for infinities and
//! NaNs are not reproduced.

use alloc::format;
use alloc::vec;

use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::add_fns;
use super::math::{domain_error, float_arg, range_error};

const PI: f64 = core::f64::consts::PI;
const LN10: f64 = core::f64::consts::LN_10;

pub fn init(_vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    d.set_str("pi", Value::Float(PI));
    d.set_str("e", Value::Float(core::f64::consts::E));
    d.set_str("tau", Value::Float(2.0 * PI));
    d.set_str("inf", Value::Float(f64::INFINITY));
    d.set_str("nan", Value::Float(f64::NAN));
    d.set_str("infj", cx(0.0, f64::INFINITY));
    d.set_str("nanj", cx(0.0, f64::NAN));
    add_fns(
        d,
        &[
            ("sqrt", c_sqrt),
            ("exp", c_exp),
            ("log", c_log),
            ("log10", c_log10),
            ("phase", c_phase),
            ("polar", c_polar),
            ("rect", c_rect),
            ("sin", c_sin),
            ("cos", c_cos),
            ("tan", c_tan),
            ("sinh", c_sinh),
            ("cosh", c_cosh),
            ("tanh", c_tanh),
            ("isnan", c_isnan),
            ("isinf", c_isinf),
            ("isfinite", c_isfinite),
            ("isclose", c_isclose),
        ],
    );
    Ok(())
}

fn cx(re: f64, im: f64) -> Value {
    Value::obj(Obj::Complex(re, im))
}

/// A complex argument: complex, real number, or an object with `__complex__`/`__float__`.
pub fn complex_arg(vm: &mut Vm, v: &Value) -> PyResult<(f64, f64)> {
    if let Value::Obj(o) = v {
        match &**o {
            Obj::Complex(r, i) => return Ok((*r, *i)),
            Obj::Instance(_) => {
                let b = vm.base_value(v);
                if !b.is(v) {
                    return complex_arg(vm, &b);
                }
                if let Some(m) = vm.lookup_special(v, "__complex__") {
                    let r = vm.call(&m, core::slice::from_ref(v))?;
                    if let Value::Obj(o) = &r {
                        if let Obj::Complex(a, b) = &**o {
                            return Ok((*a, *b));
                        }
                    }
                    return Err(vm.type_error("__complex__ returned non-complex"));
                }
            }
            Obj::Str(_) => {
                return Err(vm.type_error("must be real number, not str"));
            }
            _ => {}
        }
    }
    match float_arg(vm, v) {
        Ok(x) => Ok((x, 0.0)),
        Err(e) => {
            if vm.exc_matches(&e.0, crate::types::TypeId::TypeError) {
                let t = vm.type_name(v);
                return Err(vm.type_error(format!("must be real number, not {}", t)));
            }
            Err(e)
        }
    }
}

fn one(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<(f64, f64)> {
    if args.pos.len() != 1 {
        return Err(vm.type_error(format!(
            "{}() takes exactly one argument ({} given)",
            fname,
            args.pos.len()
        )));
    }
    complex_arg(vm, &args.pos[0])
}

/// Result check: an infinite or NaN part from finite input is an error.
fn finish(vm: &mut Vm, z: (f64, f64), re: f64, im: f64, overflow: bool) -> PyResult<Value> {
    let (a, b) = z;
    if a.is_finite() && b.is_finite() {
        if re.is_infinite() || im.is_infinite() {
            return Err(if overflow {
                range_error(vm)
            } else {
                domain_error(vm)
            });
        }
        if re.is_nan() || im.is_nan() {
            return Err(domain_error(vm));
        }
    }
    Ok(cx(re, im))
}

pub fn csqrt(a: f64, b: f64) -> (f64, f64) {
    if a == 0.0 && b == 0.0 {
        return (0.0, b);
    }
    if b.is_infinite() {
        return (f64::INFINITY, b);
    }
    if a.is_nan() || b.is_nan() {
        return (f64::NAN, f64::NAN);
    }
    if a.is_infinite() {
        return if a > 0.0 {
            (a, libm::copysign(0.0, b))
        } else {
            (0.0, libm::copysign(f64::INFINITY, b))
        };
    }
    let ax = libm::fabs(a);
    let ay = libm::fabs(b);
    // scale to avoid overflow in hypot and underflow for tiny values
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        let ax = libm::ldexp(ax, 53);
        let ay = libm::ldexp(ay, 53);
        libm::ldexp(libm::sqrt(ax + libm::hypot(ax, ay)), -27)
    } else {
        let ax8 = ax / 8.0;
        2.0 * libm::sqrt(ax8 + libm::hypot(ax8, ay / 8.0))
    };
    let d = ay / (2.0 * s);
    if a >= 0.0 {
        (s, libm::copysign(d, b))
    } else {
        (d, libm::copysign(s, b))
    }
}

fn c_sqrt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let z = one(vm, &args, "sqrt")?;
    let (r, i) = csqrt(z.0, z.1);
    Ok(cx(r, i))
}

fn cexp(a: f64, b: f64) -> (f64, f64) {
    if b == 0.0 {
        return (libm::exp(a), b);
    }
    let l = libm::exp(a);
    if l.is_infinite() && a.is_finite() {
        // e^a overflows but e^a*cos(b) might not
        let l = libm::exp(a - 1.0);
        return (
            l * libm::cos(b) * core::f64::consts::E,
            l * libm::sin(b) * core::f64::consts::E,
        );
    }
    (l * libm::cos(b), l * libm::sin(b))
}

fn c_exp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let z = one(vm, &args, "exp")?;
    let (r, i) = cexp(z.0, z.1);
    finish(vm, z, r, i, true)
}

fn clog(vm: &mut Vm, z: (f64, f64)) -> PyResult<(f64, f64)> {
    let (a, b) = z;
    if a == 0.0 && b == 0.0 {
        return Err(domain_error(vm));
    }
    let h = libm::hypot(a, b);
    let re = if h.is_infinite() && a.is_finite() && b.is_finite() {
        libm::log(libm::hypot(a / 2.0, b / 2.0)) + core::f64::consts::LN_2
    } else {
        libm::log(h)
    };
    Ok((re, libm::atan2(b, a)))
}

fn c_log(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() || args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "log expected 1 or 2 arguments, got {}",
            args.pos.len()
        )));
    }
    let z = complex_arg(vm, &args.pos[0])?;
    let (r, i) = clog(vm, z)?;
    if let Some(b) = args.pos.get(1) {
        let bz = complex_arg(vm, b)?;
        let (c, d) = clog(vm, bz)?;
        if c == 0.0 && d == 0.0 {
            return Err(vm.err(
                crate::types::TypeId::ZeroDivisionError,
                "complex division by zero",
            ));
        }
        let (x, y) = cdiv((r, i), (c, d));
        return Ok(cx(x, y));
    }
    Ok(cx(r, i))
}

/// complex division by Smith's method (as CPython's `_Py_c_quot`); `b` is non-zero
fn cdiv(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let (ar, ai) = a;
    let (br, bi) = b;
    if libm::fabs(br) >= libm::fabs(bi) {
        let ratio = bi / br;
        let denom = br + bi * ratio;
        ((ar + ai * ratio) / denom, (ai - ar * ratio) / denom)
    } else {
        let ratio = br / bi;
        let denom = br * ratio + bi;
        ((ar * ratio + ai) / denom, (ai * ratio - ar) / denom)
    }
}

fn c_log10(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let z = one(vm, &args, "log10")?;
    let (r, i) = clog(vm, z)?;
    Ok(cx(r / LN10, i / LN10))
}

fn c_phase(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = one(vm, &args, "phase")?;
    Ok(Value::Float(libm::atan2(b, a)))
}

fn c_polar(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = one(vm, &args, "polar")?;
    let r = libm::hypot(a, b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(range_error(vm));
    }
    Ok(Value::tuple(vec![
        Value::Float(r),
        Value::Float(libm::atan2(b, a)),
    ]))
}

fn c_rect(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!("rect expected 2 arguments, got {}", args.pos.len())));
    }
    let r = float_arg(vm, &args.pos[0])?;
    let phi = float_arg(vm, &args.pos[1])?;
    if r.is_finite() && phi.is_infinite() {
        if r == 0.0 {
            return Ok(cx(0.0, 0.0));
        }
        return Err(domain_error(vm));
    }
    if phi == 0.0 {
        // keep the exact real part and a signed zero imaginary part
        return Ok(cx(r, if r.is_nan() { r } else { r * phi }));
    }
    Ok(cx(r * libm::cos(phi), r * libm::sin(phi)))
}

fn csin(a: f64, b: f64) -> (f64, f64) {
    (libm::sin(a) * libm::cosh(b), libm::cos(a) * libm::sinh(b))
}
fn ccos(a: f64, b: f64) -> (f64, f64) {
    (
        libm::cos(a) * libm::cosh(b),
        -(libm::sin(a) * libm::sinh(b)),
    )
}
fn csinh(a: f64, b: f64) -> (f64, f64) {
    (libm::sinh(a) * libm::cos(b), libm::cosh(a) * libm::sin(b))
}
fn ccosh(a: f64, b: f64) -> (f64, f64) {
    (libm::cosh(a) * libm::cos(b), libm::sinh(a) * libm::sin(b))
}
fn ctanh(a: f64, b: f64) -> (f64, f64) {
    // CPython's formula; for large |a| the result is +-1 + tiny j
    if libm::fabs(a) > 354.0 {
        return (
            libm::copysign(1.0, a),
            4.0 * libm::sin(b) * libm::cos(b) * libm::exp(-2.0 * libm::fabs(a)),
        );
    }
    let tx = libm::tanh(a);
    let ty = libm::tan(b);
    let cx = 1.0 / libm::cosh(a);
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    (tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
}

macro_rules! cfn {
    ($name:ident, $py:expr, $f:expr, $ovf:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            let z = one(vm, &args, $py)?;
            let f: fn(f64, f64) -> (f64, f64) = $f;
            let (r, i) = f(z.0, z.1);
            finish(vm, z, r, i, $ovf)
        }
    };
}

cfn!(c_sin, "sin", csin, true);
cfn!(c_cos, "cos", ccos, true);
cfn!(c_sinh, "sinh", csinh, true);
cfn!(c_cosh, "cosh", ccosh, true);
cfn!(c_tanh, "tanh", ctanh, true);
// tan(z) = -j tanh(j z)
cfn!(
    c_tan,
    "tan",
    |a, b| {
        let (r, i) = ctanh(-b, a);
        (i, -r)
    },
    true
);

fn c_isnan(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = one(vm, &args, "isnan")?;
    Ok(Value::Bool(a.is_nan() || b.is_nan()))
}
fn c_isinf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = one(vm, &args, "isinf")?;
    Ok(Value::Bool(a.is_infinite() || b.is_infinite()))
}
fn c_isfinite(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = one(vm, &args, "isfinite")?;
    Ok(Value::Bool(a.is_finite() && b.is_finite()))
}

fn c_isclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 2 {
        return Err(vm.type_error("isclose() takes exactly 2 positional arguments"));
    }
    let a = complex_arg(vm, &args.pos[0])?;
    let b = complex_arg(vm, &args.pos[1])?;
    let rel_tol = match args.kwarg("rel_tol") {
        Some(v) => float_arg(vm, v)?,
        None => 1e-9,
    };
    let abs_tol = match args.kwarg("abs_tol") {
        Some(v) => float_arg(vm, v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.0.is_infinite() || a.1.is_infinite() || b.0.is_infinite() || b.1.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = libm::hypot(a.0 - b.0, a.1 - b.1);
    let ma = libm::hypot(a.0, a.1);
    let mb = libm::hypot(b.0, b.1);
    Ok(Value::Bool(
        diff <= rel_tol * mb || diff <= rel_tol * ma || diff <= abs_tol,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqrt_values() {
        assert_eq!(csqrt(-9.0, 0.0), (0.0, 3.0));
        assert_eq!(csqrt(4.0, 0.0), (2.0, 0.0));
        let (r, i) = csqrt(3.0, 4.0);
        assert!((r - 2.0).abs() < 1e-15 && (i - 1.0).abs() < 1e-15);
        let (r, i) = csqrt(-4.0, -0.0);
        assert_eq!((r, i), (0.0, -2.0));
    }
}
