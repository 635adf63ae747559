//! `array`: typed arrays of numbers stored as packed little-endian machine values.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::ast::CmpOp;
use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::struct_::int_value;
use super::{native_class, native_ref};

pub const TYPECODES: &str = "bBhHiIlLqQfd";

/// An `array.array`: typecode plus the raw element bytes.
pub struct Array {
    pub code: u8,
    pub data: RefCell<Vec<u8>>,
}

pub fn itemsize(code: u8) -> usize {
    match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => core::mem::size_of::<usize>(),
        _ => 8,
    }
}

impl Array {
    fn size(&self) -> usize {
        itemsize(self.code)
    }
    fn len(&self) -> usize {
        self.data.borrow().len() / self.size()
    }
    fn item(&self, i: usize) -> Value {
        let sz = self.size();
        let d = self.data.borrow();
        match d.get(i * sz..i * sz + sz) {
            Some(b) => decode(self.code, b),
            None => Value::None,
        }
    }
    fn values(&self) -> Vec<Value> {
        let sz = self.size();
        self.data
            .borrow()
            .chunks(sz)
            .map(|c| decode(self.code, c))
            .collect()
    }
}

impl NativeObj for Array {
    fn type_name(&self) -> &'static str {
        "array"
    }
    fn class(&self, vm: &mut Vm) -> Value {
        array_class(vm)
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}

fn new_array(code: u8, data: Vec<u8>) -> Value {
    Value::obj(Obj::Native(Box::new(Array {
        code,
        data: RefCell::new(data),
    })))
}

/// The `array.array` class (cached per interpreter).
pub fn array_class(vm: &mut Vm) -> Value {
    let key = Value::str("array");
    if let Some(c) = vm.dict_get_str_opt(&vm.shared.native_classes, &key) {
        return c;
    }
    let cls = native_class(
        vm,
        "array",
        &[
            ("append", a_append),
            ("extend", a_extend),
            ("insert", a_insert),
            ("pop", a_pop),
            ("remove", a_remove),
            ("index", a_index),
            ("count", a_count),
            ("reverse", a_reverse),
            ("tobytes", a_tobytes),
            ("frombytes", a_frombytes),
            ("tolist", a_tolist),
            ("fromlist", a_fromlist),
            ("byteswap", a_byteswap),
            ("buffer_info", a_buffer_info),
            ("__len__", a_len),
            ("__getitem__", a_getitem),
            ("__setitem__", a_setitem),
            ("__delitem__", a_delitem),
            ("__iter__", a_iter),
            ("__repr__", a_repr),
            ("__bytes__", a_tobytes),
            ("__imul__", a_imul),
            ("__contains__", a_contains),
            ("__copy__", a_copy),
        ],
    );
    if let Some(c) = crate::types::class_of(&cls) {
        let mut d = c.dict.borrow_mut();
        d.set_str("__module__", Value::str("array"));
        d.set_str("__hash__", Value::None);
        d.set_str(
            "__new__",
            Value::obj(Obj::StaticMethod(crate::builtins::builtin_fn(
                "__new__", a_new,
            ))),
        );
        for (name, f) in [
            ("typecode", a_typecode as NativeFn),
            ("itemsize", a_itemsize),
        ] {
            let getter = crate::builtins::builtin_fn(name, f);
            d.set_str(
                name,
                Value::obj(Obj::Property(getter, Value::None, Value::None)),
            );
        }
    }
    // The VM's binary/compare protocols skip builtin dunders (they assume those belong to
    // builtin types), so these go in as small Python functions over the Rust ones.
    install_py_dunders(
        vm,
        &cls,
        &[
            ("__eq__", a_eq),
            ("__ne__", a_ne),
            ("__lt__", a_lt),
            ("__le__", a_le),
            ("__gt__", a_gt),
            ("__ge__", a_ge),
            ("__add__", a_add),
            ("__iadd__", a_iadd),
            ("__mul__", a_mul),
            ("__rmul__", a_mul),
        ],
    );
    cls
}

/// Define binary dunders `name(self, other)` on `cls` as Python functions calling `f`.
fn install_py_dunders(vm: &mut Vm, cls: &Value, fns: &[(&'static str, NativeFn)]) {
    let mut g = Dict::new();
    g.set_str("__name__", Value::str("array"));
    let mut src = String::new();
    for (name, f) in fns {
        let inner = format!("_r{}", name);
        g.set_strval(Value::str(&inner), crate::builtins::builtin_fn(name, *f));
        src.push_str(&format!(
            "def {}(self, other):\n    return {}(self, other)\n",
            name, inner
        ));
    }
    let g = Value::dict(g);
    let code = match crate::builtins::compile_to_code(vm, &src, "<array>", crate::Mode::Exec) {
        Ok(c) => c,
        Err(_) => return,
    };
    if vm.run_code(code, g.clone(), g.clone()).is_err() {
        return;
    }
    if let Some(c) = crate::types::class_of(cls) {
        let mut d = c.dict.borrow_mut();
        for (name, _) in fns {
            if let Some(f) = vm.dict_get_str_opt(&g, &Value::str(name)) {
                d.set_str(name, f);
            }
        }
    }
}

pub fn init(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    let cls = array_class(vm);
    d.set_str("array", cls.clone());
    d.set_str("ArrayType", cls);
    d.set_str("typecodes", Value::str(TYPECODES));
    Ok(())
}

// ---------------------------------------------------------------------- conversions

fn decode(code: u8, b: &[u8]) -> Value {
    let mut w = [0u8; 8];
    let n = b.len().min(8);
    w[..n].copy_from_slice(&b[..n]);
    let u = u64::from_le_bytes(w);
    match code {
        b'f' => Value::Float(f32::from_bits(u as u32) as f64),
        b'd' => Value::Float(f64::from_bits(u)),
        b'b' | b'h' | b'i' | b'l' | b'q' => {
            let bits = n * 8;
            let v = if bits >= 64 {
                u as i64
            } else {
                ((u << (64 - bits)) as i64) >> (64 - bits)
            };
            Value::Int(v)
        }
        _ => {
            if u > i64::MAX as u64 {
                Value::bigint(BigInt::from(u))
            } else {
                Value::Int(u as i64)
            }
        }
    }
}

/// Append the machine form of `v` for typecode `code` to `out`, range-checked like CPython.
fn encode(vm: &mut Vm, code: u8, v: &Value, out: &mut Vec<u8>) -> PyResult<()> {
    let size = itemsize(code);
    if code == b'f' || code == b'd' {
        let f = match v {
            Value::Float(f) => *f,
            Value::Int(_) | Value::Bool(_) => vm.to_f64(v)?,
            Value::Obj(o) if matches!(&**o, Obj::BigInt(_) | Obj::Instance(_)) => vm.to_f64(v)?,
            _ => {
                let t = vm.type_name(v);
                return Err(vm.type_error(format!("must be real number, not {}", t)));
            }
        };
        if code == b'f' {
            out.extend_from_slice(&(f as f32).to_le_bytes());
        } else {
            out.extend_from_slice(&f.to_le_bytes());
        }
        return Ok(());
    }
    let n = match int_value(vm, v)? {
        Some(n) => n,
        None => {
            let t = vm.type_name(v);
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                t
            )));
        }
    };
    let too_long = "Python int too large to convert to C long";
    let x: u64 = match code {
        b'b' | b'B' | b'h' | b'H' | b'i' | b'l' => {
            let x = match n.to_i64() {
                Some(x) if code != b'l' || size == 8 || i32::try_from(x).is_ok() => x,
                _ => return Err(vm.overflow_error(too_long)),
            };
            let (lo, hi, what) = match code {
                b'b' => (-128, 127, "signed char"),
                b'B' => (0, 255, "unsigned byte integer"),
                b'h' => (-32768, 32767, "signed short integer"),
                b'H' => (0, 65535, "unsigned short"),
                b'i' => (i32::MIN as i64, i32::MAX as i64, "signed integer"),
                _ => (i64::MIN, i64::MAX, ""),
            };
            if x < lo {
                return Err(vm.overflow_error(format!("{} is less than minimum", what)));
            }
            if x > hi {
                return Err(vm.overflow_error(format!("{} is greater than maximum", what)));
            }
            x as u64
        }
        b'I' | b'L' => {
            if n.is_negative() {
                return Err(vm.overflow_error("can't convert negative value to unsigned int"));
            }
            let x = match n.to_u64() {
                Some(x) if code != b'L' || size == 8 || x <= u32::MAX as u64 => x,
                _ => {
                    return Err(
                        vm.overflow_error("Python int too large to convert to C unsigned long")
                    )
                }
            };
            if code == b'I' && x > u32::MAX as u64 {
                return Err(vm.overflow_error("unsigned int is greater than maximum"));
            }
            x
        }
        b'q' => match n.to_i64() {
            Some(x) => x as u64,
            None => return Err(vm.overflow_error("int too big to convert")),
        },
        _ => {
            if n.is_negative() {
                return Err(vm.overflow_error("can't convert negative int to unsigned"));
            }
            match n.to_u64() {
                Some(x) => x,
                None => return Err(vm.overflow_error("int too big to convert")),
            }
        }
    };
    out.extend_from_slice(&x.to_le_bytes()[..size]);
    Ok(())
}

fn encode_all(vm: &mut Vm, code: u8, items: &[Value]) -> PyResult<Vec<u8>> {
    let size = itemsize(code);
    vm.check_alloc(items.len().saturating_mul(size))?;
    let mut out = Vec::with_capacity(items.len() * size);
    for v in items {
        encode(vm, code, v, &mut out)?;
    }
    Ok(out)
}

fn this<'a>(vm: &mut Vm, args: &'a Args) -> PyResult<&'a Array> {
    match args.pos.first().and_then(native_ref::<Array>) {
        Some(a) => Ok(a),
        None => Err(vm.type_error("descriptor requires an 'array.array' object")),
    }
}

fn arg1(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<Value> {
    match args.pos.get(1) {
        Some(v) => Ok(v.clone()),
        None => Err(vm.type_error(format!("{}() takes exactly one argument (0 given)", fname))),
    }
}

/// Raw bytes for extending `a` from another value: same-kind array or iterable of numbers.
fn items_bytes(vm: &mut Vm, code: u8, v: &Value, strict_array: bool) -> PyResult<Vec<u8>> {
    if let Some(o) = native_ref::<Array>(v) {
        if o.code != code {
            if strict_array {
                return Err(vm.type_error("can only extend with array of same kind"));
            }
            let vals = o.values();
            return encode_all(vm, code, &vals);
        }
        return Ok(o.data.borrow().clone());
    }
    let items = vm.to_vec(v)?;
    encode_all(vm, code, &items)
}

// ---------------------------------------------------------------------- constructor

fn a_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // args.pos[0] is the class
    if !args.kw.is_empty() {
        return Err(vm.type_error("array.array() takes no keyword arguments"));
    }
    let tc = match args.pos.get(1) {
        Some(t) => t.clone(),
        None => return Err(vm.type_error("array() takes at least 1 argument (0 given)")),
    };
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "array() takes at most 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let code = match tc.as_str() {
        Some(s) if s.char_len == 1 => {
            let c = s.as_str().as_bytes()[0];
            if !TYPECODES.as_bytes().contains(&c) || !s.is_ascii() {
                return Err(vm.value_error(
                    "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
                ));
            }
            c
        }
        _ => {
            let t = vm.type_name(&tc);
            return Err(vm.type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                t
            )));
        }
    };
    let data = match args.pos.get(2) {
        None => Vec::new(),
        Some(init) => {
            if init.as_str().is_some() {
                return Err(vm.type_error(format!(
                    "cannot use a str to initialize an array with typecode '{}'",
                    code as char
                )));
            }
            match init {
                Value::Obj(o) if matches!(&**o, Obj::Bytes(_) | Obj::ByteArray(_)) => {
                    let b = vm.bytes_of(init)?;
                    if b.len() % itemsize(code) != 0 {
                        return Err(vm.value_error("bytes length not a multiple of item size"));
                    }
                    b
                }
                _ => items_bytes(vm, code, init, false)?,
            }
        }
    };
    Ok(new_array(code, data))
}

// ---------------------------------------------------------------------- methods

fn a_typecode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    Ok(Value::string(String::from(a.code as char)))
}
fn a_itemsize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    Ok(Value::Int(a.size() as i64))
}
fn a_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    Ok(Value::Int(a.len() as i64))
}

fn a_append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let v = arg1(vm, &args, "append")?;
    let mut b = Vec::with_capacity(8);
    encode(vm, a.code, &v, &mut b)?;
    let (len, cap) = {
        let d = a.data.borrow();
        (d.len(), d.capacity())
    };
    vm.check_grow_bytes(len, cap, b.len())?;
    a.data.borrow_mut().extend_from_slice(&b);
    Ok(Value::None)
}

fn a_extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let v = arg1(vm, &args, "extend")?;
    let b = items_bytes(vm, a.code, &v, true)?;
    vm.check_alloc(b.len())?;
    a.data.borrow_mut().extend_from_slice(&b);
    Ok(Value::None)
}

fn a_fromlist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let v = arg1(vm, &args, "fromlist")?;
    let items = match &v {
        Value::Obj(o) => match &**o {
            Obj::List(l) => l.borrow().clone(),
            _ => return Err(vm.type_error("arg must be list")),
        },
        _ => return Err(vm.type_error("arg must be list")),
    };
    let b = encode_all(vm, a.code, &items)?;
    a.data.borrow_mut().extend_from_slice(&b);
    Ok(Value::None)
}

fn a_frombytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let v = arg1(vm, &args, "frombytes")?;
    let b = super::struct_::buffer_bytes(vm, &v)?;
    if b.len() % a.size() != 0 {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    vm.check_alloc(b.len())?;
    a.data.borrow_mut().extend_from_slice(&b);
    Ok(Value::None)
}

fn a_tobytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let d = a.data.borrow().clone();
    Ok(Value::bytes(d))
}

fn a_tolist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    Ok(Value::list(a.values()))
}

fn norm_index(i: i64, len: usize) -> Option<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        None
    } else {
        Some(j as usize)
    }
}

fn a_insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    vm.check_args(&args, 3, 3, "insert")?;
    let i = vm.to_i64(&args.pos[1])?;
    let mut b = Vec::with_capacity(8);
    encode(vm, a.code, &args.pos[2], &mut b)?;
    let n = a.len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    let sz = a.size();
    let mut d = a.data.borrow_mut();
    let at = (i * sz).min(d.len());
    d.splice(at..at, b);
    Ok(Value::None)
}

fn a_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let i = match args.pos.get(1) {
        Some(v) => vm.to_i64(v)?,
        None => -1,
    };
    let n = a.len();
    if n == 0 {
        return Err(vm.index_error("pop from empty array"));
    }
    let j = match norm_index(i, n) {
        Some(j) => j,
        None => return Err(vm.index_error("pop index out of range")),
    };
    let v = a.item(j);
    let sz = a.size();
    a.data.borrow_mut().drain(j * sz..j * sz + sz);
    Ok(v)
}

fn find(vm: &mut Vm, a: &Array, x: &Value) -> PyResult<Option<usize>> {
    let n = a.len();
    for i in 0..n {
        if i >= a.len() {
            break;
        }
        let v = a.item(i);
        if vm.eq(&v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn a_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let x = arg1(vm, &args, "remove")?;
    match find(vm, a, &x)? {
        Some(i) => {
            let sz = a.size();
            let mut d = a.data.borrow_mut();
            if i * sz + sz <= d.len() {
                d.drain(i * sz..i * sz + sz);
            }
            Ok(Value::None)
        }
        None => Err(vm.value_error("array.remove(x): x not in array")),
    }
}

fn a_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let x = arg1(vm, &args, "index")?;
    let n = a.len() as i64;
    let clamp = |i: i64| -> usize {
        if i < 0 {
            (i + n).max(0) as usize
        } else {
            i.min(n) as usize
        }
    };
    let start = match args.pos.get(2) {
        Some(v) => clamp(vm.to_i64(v)?),
        None => 0,
    };
    let stop = match args.pos.get(3) {
        Some(v) => clamp(vm.to_i64(v)?),
        None => n as usize,
    };
    let mut i = start;
    while i < stop && i < a.len() {
        let v = a.item(i);
        if vm.eq(&v, &x)? {
            return Ok(Value::Int(i as i64));
        }
        i += 1;
    }
    Err(vm.value_error("array.index(x): x not in array"))
}

fn a_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let x = arg1(vm, &args, "count")?;
    let mut c = 0;
    for v in a.values() {
        if vm.eq(&v, &x)? {
            c += 1;
        }
    }
    Ok(Value::Int(c))
}

fn a_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let x = arg1(vm, &args, "__contains__")?;
    Ok(Value::Bool(find(vm, a, &x)?.is_some()))
}

fn a_reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let sz = a.size();
    let mut d = a.data.borrow_mut();
    let rev: Vec<u8> = d.chunks(sz).rev().flatten().copied().collect();
    *d = rev;
    Ok(Value::None)
}

fn a_byteswap(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let sz = a.size();
    for c in a.data.borrow_mut().chunks_mut(sz) {
        c.reverse();
    }
    Ok(Value::None)
}

fn a_buffer_info(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let addr = a.data.borrow().as_ptr() as usize as i64;
    Ok(Value::tuple(vec![
        Value::Int(addr),
        Value::Int(a.len() as i64),
    ]))
}

fn a_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let d = a.data.borrow().clone();
    Ok(new_array(a.code, d))
}

fn a_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let _ = this(vm, &args)?;
    Ok(Value::obj(Obj::Iter(RefCell::new(Iter::GetItem {
        obj: args.pos[0].clone(),
        idx: 0,
    }))))
}

fn a_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let key = arg1(vm, &args, "__getitem__")?;
    let n = a.len();
    if let Some(i) = vm.index_of(&key)? {
        return match norm_index(i, n) {
            Some(j) => Ok(a.item(j)),
            None => Err(vm.index_error("array index out of range")),
        };
    }
    if let Some((start, stop, step)) = vm.slice_of(&key, n)? {
        let sz = a.size();
        let d = a.data.borrow();
        let mut out = Vec::new();
        for i in crate::ops::slice_indices(start, stop, step) {
            if let Some(c) = d.get(i * sz..i * sz + sz) {
                out.extend_from_slice(c);
            }
        }
        return Ok(new_array(a.code, out));
    }
    Err(vm.type_error("array indices must be integers"))
}

fn a_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    vm.check_args(&args, 3, 3, "__setitem__")?;
    let key = args.pos[1].clone();
    let val = args.pos[2].clone();
    let n = a.len();
    let sz = a.size();
    if let Some(i) = vm.index_of(&key)? {
        let j = match norm_index(i, n) {
            Some(j) => j,
            None => return Err(vm.index_error("array assignment index out of range")),
        };
        let mut b = Vec::with_capacity(8);
        encode(vm, a.code, &val, &mut b)?;
        let mut d = a.data.borrow_mut();
        if let Some(slot) = d.get_mut(j * sz..j * sz + sz) {
            slot.copy_from_slice(&b);
        }
        return Ok(Value::None);
    }
    if let Some((start, stop, step)) = vm.slice_of(&key, n)? {
        let src = match native_ref::<Array>(&val) {
            Some(o) => {
                if o.code != a.code {
                    return Err(vm.type_error("bad argument type for built-in operation"));
                }
                o.data.borrow().clone()
            }
            None => {
                let t = vm.type_name(&val);
                return Err(vm.type_error(format!(
                    "can only assign array (not \"{}\") to array slice",
                    t
                )));
            }
        };
        let mut d = a.data.borrow_mut();
        if step == 1 {
            let lo = (start.max(0) as usize).min(n) * sz;
            let hi = (stop.max(start).max(0) as usize).min(n) * sz;
            d.splice(lo..hi.max(lo), src);
        } else {
            let idx = crate::ops::slice_indices(start, stop, step);
            let m = src.len() / sz;
            if m != idx.len() {
                drop(d);
                return Err(vm.value_error(format!(
                    "attempt to assign array of size {} to extended slice of size {}",
                    m,
                    idx.len()
                )));
            }
            for (k, i) in idx.into_iter().enumerate() {
                if let Some(slot) = d.get_mut(i * sz..i * sz + sz) {
                    slot.copy_from_slice(&src[k * sz..k * sz + sz]);
                }
            }
        }
        return Ok(Value::None);
    }
    Err(vm.type_error("array indices must be integers"))
}

fn a_delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let key = arg1(vm, &args, "__delitem__")?;
    let n = a.len();
    let sz = a.size();
    if let Some(i) = vm.index_of(&key)? {
        let j = match norm_index(i, n) {
            Some(j) => j,
            None => return Err(vm.index_error("array assignment index out of range")),
        };
        a.data.borrow_mut().drain(j * sz..j * sz + sz);
        return Ok(Value::None);
    }
    if let Some((start, stop, step)) = vm.slice_of(&key, n)? {
        let idx = crate::ops::slice_indices(start, stop, step);
        let mut del = vec![false; n];
        for i in idx {
            if let Some(x) = del.get_mut(i) {
                *x = true;
            }
        }
        let mut d = a.data.borrow_mut();
        let kept: Vec<u8> = d
            .chunks(sz)
            .enumerate()
            .filter(|(i, _)| !del.get(*i).copied().unwrap_or(false))
            .flat_map(|(_, c)| c.iter().copied())
            .collect();
        *d = kept;
        return Ok(Value::None);
    }
    Err(vm.type_error("array indices must be integers"))
}

fn a_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    if a.len() == 0 {
        return Ok(Value::string(format!("array('{}')", a.code as char)));
    }
    let l = Value::list(a.values());
    let inner = vm.repr_string(&l)?;
    Ok(Value::string(format!(
        "array('{}', {})",
        a.code as char, inner
    )))
}

fn not_impl() -> Value {
    Value::obj(Obj::NotImplemented)
}

fn compare(vm: &mut Vm, args: Args, op: CmpOp) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let other = arg1(vm, &args, "compare")?;
    let b = match native_ref::<Array>(&other) {
        Some(b) => b,
        None => return Ok(not_impl()),
    };
    if matches!(op, CmpOp::Eq | CmpOp::NotEq) && a.len() != b.len() {
        return Ok(Value::Bool(op == CmpOp::NotEq));
    }
    if a.code == b.code
        && matches!(op, CmpOp::Eq | CmpOp::NotEq)
        && a.code != b'f'
        && a.code != b'd'
    {
        let same = *a.data.borrow() == *b.data.borrow();
        return Ok(Value::Bool(same == (op == CmpOp::Eq)));
    }
    let la = Value::list(a.values());
    let lb = Value::list(b.values());
    vm.compare_op(op, &la, &lb)
}

fn a_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare(vm, args, CmpOp::Eq)
}
fn a_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare(vm, args, CmpOp::NotEq)
}
fn a_lt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare(vm, args, CmpOp::Lt)
}
fn a_le(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare(vm, args, CmpOp::LtE)
}
fn a_gt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare(vm, args, CmpOp::Gt)
}
fn a_ge(vm: &mut Vm, args: Args) -> PyResult<Value> {
    compare(vm, args, CmpOp::GtE)
}

fn a_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let other = arg1(vm, &args, "__add__")?;
    let b = match native_ref::<Array>(&other) {
        Some(b) => b,
        None => return Ok(not_impl()),
    };
    if a.code != b.code {
        return Err(vm.type_error("bad argument type for built-in operation"));
    }
    let mut d = a.data.borrow().clone();
    vm.check_alloc(d.len() + b.data.borrow().len())?;
    d.extend_from_slice(&b.data.borrow());
    Ok(new_array(a.code, d))
}

fn a_iadd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let other = arg1(vm, &args, "__iadd__")?;
    let b = match native_ref::<Array>(&other) {
        Some(b) => b,
        None => return Ok(not_impl()),
    };
    if a.code != b.code {
        return Err(vm.type_error("can only extend with array of same kind"));
    }
    let extra = b.data.borrow().clone();
    vm.check_alloc(extra.len())?;
    a.data.borrow_mut().extend_from_slice(&extra);
    Ok(args.pos[0].clone())
}

fn repeat_count(vm: &mut Vm, v: &Value) -> PyResult<Option<usize>> {
    match vm.index_of(v)? {
        Some(n) => Ok(Some(n.max(0) as usize)),
        None => Ok(None),
    }
}

fn a_mul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let other = arg1(vm, &args, "__mul__")?;
    let n = match repeat_count(vm, &other)? {
        Some(n) => n,
        None => return Ok(not_impl()),
    };
    let d = a.data.borrow().clone();
    let total = match d.len().checked_mul(n) {
        Some(t) => t,
        None => return Err(vm.memory_error()),
    };
    vm.check_alloc(total)?;
    Ok(new_array(a.code, d.repeat(n)))
}

fn a_imul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let other = arg1(vm, &args, "__imul__")?;
    let n = match repeat_count(vm, &other)? {
        Some(n) => n,
        None => return Ok(not_impl()),
    };
    let d = a.data.borrow().clone();
    let total = match d.len().checked_mul(n) {
        Some(t) => t,
        None => return Err(vm.memory_error()),
    };
    vm.check_alloc(total)?;
    *a.data.borrow_mut() = d.repeat(n);
    Ok(args.pos[0].clone())
}
