//! `random`: a seedable xoshiro256** generator.
//!
//! Deterministic: the same `seed(x)` gives the same sequence on every machine (the generator
//! is integer-only; floats are built from 53 random bits). Until `seed` is called the state
//! comes from `port.urandom`, taken at first use. The module functions are methods bound to
//! one hidden `Random` instance, as in CPython; `random.Random(seed)` makes independent ones.
//! The values differ from CPython's Mersenne Twister (and from MicroPython's yasmarang).

use alloc::boxed::Box;
use alloc::format;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::math::{float_arg, int_arg};
use super::{native_class, native_ref};

/// xoshiro256** (Blackman & Vigna), seeded through splitmix64.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Xoshiro {
    s: [u64; 4],
}

fn splitmix(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Xoshiro {
    /// A generator from arbitrary seed bytes plus a tag for the seed's type.
    pub fn from_bytes(tag: u64, bytes: &[u8]) -> Xoshiro {
        let mut h = tag ^ (bytes.len() as u64).wrapping_mul(0x2545_F491_4F6C_DD1D);
        splitmix(&mut h);
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            h ^= u64::from_le_bytes(w);
            let m = splitmix(&mut h);
            h ^= m.rotate_left(17);
        }
        let mut s = [0u64; 4];
        for w in s.iter_mut() {
            *w = splitmix(&mut h);
        }
        if s == [0; 4] {
            s[0] = 1;
        }
        Xoshiro { s }
    }

    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// a float in [0, 1) with 53 random bits
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// `k` (1..=64) random bits
    pub fn bits(&mut self, k: u32) -> u64 {
        if k == 0 {
            0
        } else {
            self.next_u64() >> (64 - k)
        }
    }

    /// uniform in [0, n), n > 0, by rejection (no modulo bias)
    pub fn below_u64(&mut self, n: u64) -> u64 {
        let k = 64 - (n - 1).leading_zeros();
        loop {
            let r = self.bits(k);
            if r < n {
                return r;
            }
        }
    }
}

/// A `Random` instance: the generator (created on first use) and the cached second
/// Box–Muller value for `gauss`.
pub struct Random {
    gen: RefCell<Option<Xoshiro>>,
    gauss_next: Cell<Option<f64>>,
}

impl NativeObj for Random {
    fn type_name(&self) -> &'static str {
        "Random"
    }
    fn class(&self, vm: &mut Vm) -> Value {
        native_class(vm, "Random", METHODS)
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}

const METHODS: &[(&str, NativeFn)] = &[
    ("seed", r_seed),
    ("random", r_random),
    ("getrandbits", r_getrandbits),
    ("randrange", r_randrange),
    ("randint", r_randint),
    ("choice", r_choice),
    ("uniform", r_uniform),
    ("shuffle", r_shuffle),
    ("sample", r_sample),
    ("choices", r_choices),
    ("gauss", r_gauss),
    ("normalvariate", r_gauss),
    ("expovariate", r_expovariate),
    ("randbytes", r_randbytes),
];

fn new_random() -> Value {
    Value::obj(Obj::Native(Box::new(Random {
        gen: RefCell::new(None),
        gauss_next: Cell::new(None),
    })))
}

/// Put `methods`, bound to `obj`, into module dict `d` (module functions sharing state).
pub fn add_bound(d: &mut Dict, obj: &Value, methods: &[(&'static str, NativeFn)]) {
    for (name, f) in methods {
        d.set_str(
            name,
            Value::obj(Obj::Builtin(Builtin {
                name,
                func: *f,
                self_: Some(obj.clone()),
                data: None,
            })),
        );
    }
}

pub fn init(_vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    let inst = new_random();
    add_bound(d, &inst, METHODS);
    d.set_str("_inst", inst);
    super::add_fns(d, &[("Random", r_new)]);
    Ok(())
}

fn r_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let inst = new_random();
    if let Some(s) = args.pos.first() {
        let a = [inst.clone(), s.clone()];
        r_seed(vm, Args::new(&a))?;
    }
    Ok(inst)
}

fn this<'a>(vm: &mut Vm, args: &'a Args) -> PyResult<&'a Random> {
    match args.pos.first().and_then(native_ref::<Random>) {
        Some(r) => Ok(r),
        None => Err(vm.type_error("descriptor requires a 'Random' object")),
    }
}

/// Run `f` on the generator, seeding it from the port first if needed.
fn with_gen<T>(vm: &mut Vm, r: &Random, f: impl FnOnce(&mut Xoshiro) -> T) -> T {
    let mut g = r.gen.borrow_mut();
    if g.is_none() {
        let mut buf = [0u8; 32];
        vm.shared.port.urandom(&mut buf);
        *g = Some(Xoshiro::from_bytes(0, &buf));
    }
    match g.as_mut() {
        Some(x) => f(x),
        None => f(&mut Xoshiro::from_bytes(0, &[])),
    }
}

/// `args.pos[i]` (after self) or keyword `name`
fn opt<'a>(args: &'a Args, i: usize, name: &str) -> Option<&'a Value> {
    args.pos.get(i + 1).or_else(|| args.kwarg(name))
}

fn r_seed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let gen = match opt(&args, 0, "a") {
        None | Some(Value::None) => {
            let mut buf = [0u8; 32];
            vm.shared.port.urandom(&mut buf);
            Xoshiro::from_bytes(0, &buf)
        }
        Some(v) => {
            let v = v.clone();
            match &v {
                Value::Int(_) | Value::Bool(_) => {
                    let n = int_arg(vm, &v)?;
                    Xoshiro::from_bytes(1, &n.abs().to_bytes_le().1)
                }
                Value::Float(f) => Xoshiro::from_bytes(2, &f.to_bits().to_le_bytes()),
                Value::Obj(o) => match &**o {
                    Obj::BigInt(n) => Xoshiro::from_bytes(1, &n.abs().to_bytes_le().1),
                    Obj::Str(s) => Xoshiro::from_bytes(3, s.as_str().as_bytes()),
                    Obj::Bytes(_) | Obj::ByteArray(_) => {
                        let b = vm.bytes_of(&v)?;
                        Xoshiro::from_bytes(4, &b)
                    }
                    _ => {
                        let t = vm.type_name(&v);
                        return Err(vm.type_error(format!(
                            "The only supported seed types are: None, int, float, str, bytes, and bytearray (not {})",
                            t
                        )));
                    }
                },
                _ => return Err(vm.type_error("unsupported seed type")),
            }
        }
    };
    *r.gen.borrow_mut() = Some(gen);
    r.gauss_next.set(None);
    Ok(Value::None)
}

fn r_random(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    Ok(Value::Float(with_gen(vm, r, |g| g.next_f64())))
}

/// a random non-negative int of `k` bits
fn randbits(vm: &mut Vm, r: &Random, k: u64) -> PyResult<BigInt> {
    if k <= 64 {
        return Ok(BigInt::from(with_gen(vm, r, |g| g.bits(k as u32))));
    }
    vm.check_alloc((k / 8) as usize)?;
    let words = k.div_ceil(32) as usize;
    let extra = (words as u64 * 32 - k) as u32;
    let digits: Vec<u32> = with_gen(vm, r, |g| {
        let mut v = Vec::with_capacity(words);
        for i in 0..words {
            let w = (g.next_u64() >> 32) as u32;
            v.push(if i == words - 1 { w >> extra } else { w });
        }
        v
    });
    Ok(BigInt::from_biguint(
        Sign::Plus,
        BigUint::from_slice(&digits),
    ))
}

/// uniform in [0, n) for n > 0
fn randbelow(vm: &mut Vm, r: &Random, n: &BigInt) -> PyResult<BigInt> {
    if let Some(n) = n.to_u64() {
        return Ok(BigInt::from(with_gen(vm, r, |g| g.below_u64(n))));
    }
    let k = n.bits();
    loop {
        let x = randbits(vm, r, k)?;
        if &x < n {
            return Ok(x);
        }
    }
}

fn below_usize(vm: &mut Vm, r: &Random, n: usize) -> usize {
    with_gen(vm, r, |g| g.below_u64(n as u64)) as usize
}

fn r_getrandbits(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let k = match opt(&args, 0, "k") {
        Some(v) => {
            let v = v.clone();
            vm.to_i64(&v)?
        }
        None => return Err(vm.type_error("getrandbits() missing required argument 'k'")),
    };
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    Ok(Value::bigint(randbits(vm, r, k as u64)?))
}

fn int_param(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Value::Float(f) = v {
        if *f == libm::floor(*f) && f.is_finite() {
            let i = crate::numeric::float_to_int(vm, *f)?;
            return int_arg(vm, &i);
        }
        return Err(vm.value_error("non-integer arg 1 for randrange()"));
    }
    int_arg(vm, v)
}

fn randrange(
    vm: &mut Vm,
    r: &Random,
    start: &Value,
    stop: Option<&Value>,
    step: Option<&Value>,
) -> PyResult<Value> {
    let start = int_param(vm, start)?;
    let stop = match stop {
        None | Some(Value::None) => {
            if step.is_some() {
                return Err(vm.type_error("Missing a non-None stop argument"));
            }
            if !start.is_positive() {
                return Err(vm.value_error("empty range for randrange()"));
            }
            return Ok(Value::bigint(randbelow(vm, r, &start)?));
        }
        Some(v) => int_param(vm, v)?,
    };
    let step = match step {
        None => BigInt::from(1),
        Some(v) => int_param(vm, v)?,
    };
    let width = &stop - &start;
    if step == BigInt::from(1) {
        if !width.is_positive() {
            return Err(vm.value_error(format!(
                "empty range for randrange() ({}, {}, {})",
                start, stop, width
            )));
        }
        return Ok(Value::bigint(start + randbelow(vm, r, &width)?));
    }
    if step.is_zero() {
        return Err(vm.value_error("zero step for randrange()"));
    }
    let n: BigInt = if step.is_positive() {
        (width + &step - 1) / &step
    } else {
        (width + &step + 1) / &step
    };
    if !n.is_positive() {
        return Err(vm.value_error("empty range for randrange()"));
    }
    Ok(Value::bigint(start + step * randbelow(vm, r, &n)?))
}

fn r_randrange(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let start = match opt(&args, 0, "start") {
        Some(v) => v,
        None => return Err(vm.type_error("randrange() missing required argument 'start'")),
    };
    randrange(vm, r, start, opt(&args, 1, "stop"), opt(&args, 2, "step"))
}

fn r_randint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let (a, b) = match (opt(&args, 0, "a"), opt(&args, 1, "b")) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(vm.type_error("randint() takes exactly 2 arguments")),
    };
    let b1 = int_param(vm, b)? + 1;
    randrange(vm, r, a, Some(&Value::bigint(b1)), None)
}

fn r_choice(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let seq = match opt(&args, 0, "seq") {
        Some(s) => s.clone(),
        None => return Err(vm.type_error("choice() missing required argument 'seq'")),
    };
    let n = vm.len(&seq)?;
    if n == 0 {
        return Err(vm.index_error("Cannot choose from an empty sequence"));
    }
    let i = below_usize(vm, r, n);
    vm.get_item(&seq, &Value::Int(i as i64))
}

fn r_uniform(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let (a, b) = match (opt(&args, 0, "a"), opt(&args, 1, "b")) {
        (Some(a), Some(b)) => (a.clone(), b.clone()),
        _ => return Err(vm.type_error("uniform() takes exactly 2 arguments")),
    };
    let a = float_arg(vm, &a)?;
    let b = float_arg(vm, &b)?;
    let u = with_gen(vm, r, |g| g.next_f64());
    Ok(Value::Float(a + (b - a) * u))
}

fn r_shuffle(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let x = match opt(&args, 0, "x") {
        Some(s) => s.clone(),
        None => return Err(vm.type_error("shuffle() missing required argument 'x'")),
    };
    // fast path: a plain list, shuffled in place
    if let Value::Obj(o) = &x {
        if let Obj::List(l) = &**o {
            let n = l.borrow().len();
            for i in (1..n).rev() {
                let j = below_usize(vm, r, i + 1);
                let mut l = l.borrow_mut();
                if i < l.len() && j < l.len() {
                    l.swap(i, j);
                }
            }
            return Ok(Value::None);
        }
    }
    let n = vm.len(&x)?;
    for i in (1..n).rev() {
        let j = below_usize(vm, r, i + 1);
        let (ki, kj) = (Value::Int(i as i64), Value::Int(j as i64));
        let a = vm.get_item(&x, &ki)?;
        let b = vm.get_item(&x, &kj)?;
        vm.set_item(&x, &ki, b)?;
        vm.set_item(&x, &kj, a)?;
    }
    Ok(Value::None)
}

fn r_sample(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let (pop, k) = match (opt(&args, 0, "population"), opt(&args, 1, "k")) {
        (Some(p), Some(k)) => (p.clone(), k.clone()),
        _ => return Err(vm.type_error("sample() missing required argument")),
    };
    if let Value::Obj(o) = &pop {
        if matches!(&**o, Obj::Set(_) | Obj::FrozenSet(_) | Obj::Dict(_)) {
            return Err(
                vm.type_error("Population must be a sequence.  For dicts or sets, use sorted(d).")
            );
        }
    }
    let mut pool = vm.to_vec(&pop)?;
    let k = vm.to_i64(&k)?;
    let n = pool.len();
    if k < 0 || k as u64 > n as u64 {
        return Err(vm.value_error("Sample larger than population or is negative"));
    }
    let k = k as usize;
    let mut out = Vec::with_capacity(k);
    for i in 0..k {
        let j = below_usize(vm, r, n - i);
        out.push(pool.swap_remove(j));
    }
    Ok(Value::list(out))
}

fn r_choices(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let pop = match opt(&args, 0, "population") {
        Some(p) => p.clone(),
        None => return Err(vm.type_error("choices() missing required argument 'population'")),
    };
    let pop = vm.to_vec(&pop)?;
    let n = pop.len();
    let weights = opt(&args, 1, "weights").filter(|v| !v.is_none()).cloned();
    let cum = args.kwarg("cum_weights").filter(|v| !v.is_none()).cloned();
    let k = match args.kwarg("k") {
        Some(v) => {
            let v = v.clone();
            vm.to_i64(&v)?.max(0) as usize
        }
        None => 1,
    };
    vm.check_alloc(k.saturating_mul(16))?;
    if weights.is_none() && cum.is_none() {
        if n == 0 {
            return Err(vm.index_error("list index out of range"));
        }
        let mut out = Vec::with_capacity(k);
        for _ in 0..k {
            let u = with_gen(vm, r, |g| g.next_f64());
            let i = ((u * n as f64) as usize).min(n - 1);
            out.push(pop[i].clone());
        }
        return Ok(Value::list(out));
    }
    if weights.is_some() && cum.is_some() {
        return Err(vm.type_error("Cannot specify both weights and cumulative weights"));
    }
    let mut cw: Vec<f64> = Vec::with_capacity(n);
    if let Some(w) = weights {
        let w = vm.to_vec(&w)?;
        let mut acc = 0.0;
        for x in &w {
            acc += float_arg(vm, x)?;
            cw.push(acc);
        }
    } else if let Some(c) = cum {
        for x in &vm.to_vec(&c)? {
            cw.push(float_arg(vm, x)?);
        }
    }
    if cw.len() != n {
        return Err(vm.value_error("The number of weights does not match the population"));
    }
    let total = match cw.last() {
        Some(t) => *t,
        None => return Err(vm.index_error("Cannot choose from an empty sequence")),
    };
    if total <= 0.0 {
        return Err(vm.value_error("Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(vm.value_error("Total of weights must be finite"));
    }
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let u = with_gen(vm, r, |g| g.next_f64()) * total;
        // bisect_right(cw, u, 0, n-1)
        let i = cw[..n - 1].partition_point(|&c| c <= u);
        out.push(pop[i].clone());
    }
    Ok(Value::list(out))
}

fn r_gauss(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let mu = match opt(&args, 0, "mu") {
        Some(v) => float_arg(vm, v)?,
        None => 0.0,
    };
    let sigma = match opt(&args, 1, "sigma") {
        Some(v) => float_arg(vm, v)?,
        None => 1.0,
    };
    // Box–Muller, keeping the second value for the next call (as CPython's gauss)
    let z = match r.gauss_next.take() {
        Some(z) => z,
        None => {
            let (u1, u2) = with_gen(vm, r, |g| (g.next_f64(), g.next_f64()));
            let x2pi = u1 * 2.0 * core::f64::consts::PI;
            let g2rad = libm::sqrt(-2.0 * libm::log(1.0 - u2));
            r.gauss_next.set(Some(libm::sin(x2pi) * g2rad));
            libm::cos(x2pi) * g2rad
        }
    };
    Ok(Value::Float(mu + z * sigma))
}

fn r_expovariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let lambd = match opt(&args, 0, "lambd") {
        Some(v) => float_arg(vm, v)?,
        None => 1.0,
    };
    if lambd == 0.0 {
        return Err(vm.err(
            crate::types::TypeId::ZeroDivisionError,
            "float division by zero",
        ));
    }
    let u = with_gen(vm, r, |g| g.next_f64());
    Ok(Value::Float(-libm::log(1.0 - u) / lambd))
}

fn r_randbytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this(vm, &args)?;
    let n = match opt(&args, 0, "n") {
        Some(v) => {
            let v = v.clone();
            vm.to_i64(&v)?
        }
        None => return Err(vm.type_error("randbytes() missing required argument 'n'")),
    };
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    vm.check_alloc(n as usize)?;
    let out = with_gen(vm, r, |g| {
        let mut out = Vec::with_capacity(n as usize);
        while out.len() < n as usize {
            let w = g.next_u64().to_le_bytes();
            let take = (n as usize - out.len()).min(8);
            out.extend_from_slice(&w[..take]);
        }
        out
    });
    Ok(Value::bytes(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        let mut a = Xoshiro::from_bytes(1, &[1]);
        let mut b = Xoshiro::from_bytes(1, &[1]);
        let mut c = Xoshiro::from_bytes(1, &[2]);
        let va: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let vb: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let vc: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(va, vb);
        assert_ne!(va, vc);
        // fixed reference values: the sequence must never change across machines/releases
        let mut z = Xoshiro::from_bytes(1, &[42]);
        assert_eq!(z.next_u64(), 5952453943123733797);
    }

    #[test]
    fn ranges() {
        let mut g = Xoshiro::from_bytes(0, b"x");
        for _ in 0..1000 {
            let f = g.next_f64();
            assert!((0.0..1.0).contains(&f));
            assert!(g.below_u64(7) < 7);
            assert_eq!(g.below_u64(1), 0);
            assert!(g.bits(3) < 8);
        }
        assert!(g.bits(64) > 0 || g.bits(64) > 0);
    }
}
