//! `collections`: `deque` (Rust, also the native module `_collections`), `namedtuple`,
//! `OrderedDict`, `defaultdict`, `Counter` (Python, `collections.py`, frozen, each thawed on
//! first use, on top of the VM's builtin-subclass support).
//!
//! `namedtuple` classes subclass `tuple` (instances wrap a tuple payload), so indexing,
//! unpacking, hashing and comparison are the tuple's. Fields are read-only properties.
//! `defaultdict` / `Counter` get a Rust `__getitem__` that calls `__missing__` on a miss
//! (the VM's dict item lookup has no `__missing__` hook for dict subclasses).

use alloc::boxed::Box;
use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use crate::ast::CmpOp;
use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::{native_class, native_ref};

// ---------------------------------------------------------------------- deque

/// `collections.deque`: a double-ended queue, optionally bounded.
pub struct Deque {
    pub items: RefCell<VecDeque<Value>>,
    pub maxlen: Option<usize>,
    /// repr recursion guard
    busy: Cell<bool>,
}

const DEQUE_METHODS: &[(&str, NativeFn)] = &[
    ("append", dq_append),
    ("appendleft", dq_appendleft),
    ("pop", dq_pop),
    ("popleft", dq_popleft),
    ("extend", dq_extend),
    ("extendleft", dq_extendleft),
    ("clear", dq_clear),
    ("rotate", dq_rotate),
    ("count", dq_count),
    ("remove", dq_remove),
    ("index", dq_index),
    ("insert", dq_insert),
    ("reverse", dq_reverse),
    ("copy", dq_copy),
    ("__copy__", dq_copy),
    ("__len__", dq_len),
    ("__bool__", dq_bool),
    ("__iter__", dq_iter),
    ("__reversed__", dq_reversed),
    ("__getitem__", dq_getitem),
    ("__setitem__", dq_setitem),
    ("__delitem__", dq_delitem),
    ("__contains__", dq_contains),
    ("__repr__", dq_repr),
    ("__iadd__", dq_iadd),
    ("__add__", dq_add),
    ("__eq__", dq_eq),
    ("__ne__", dq_ne),
    ("__lt__", dq_lt),
    ("__le__", dq_le),
    ("__gt__", dq_gt),
    ("__ge__", dq_ge),
];

impl NativeObj for Deque {
    fn type_name(&self) -> &'static str {
        "deque"
    }
    fn class(&self, vm: &mut Vm) -> Value {
        deque_class(vm)
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}

fn deque_class(vm: &mut Vm) -> Value {
    native_class(vm, "deque", DEQUE_METHODS)
}

/// Iterator over a deque (forward or reversed); fails if the deque changes size.
pub struct DequeIter {
    deque: Value,
    idx: Cell<usize>,
    len0: usize,
    rev: bool,
}

impl NativeObj for DequeIter {
    fn type_name(&self) -> &'static str {
        if self.rev {
            "_deque_reverse_iterator"
        } else {
            "_deque_iterator"
        }
    }
    fn class(&self, vm: &mut Vm) -> Value {
        native_class(
            vm,
            self.type_name(),
            &[
                ("__iter__", crate::types::iter_self),
                ("__next__", dqi_next),
            ],
        )
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}

fn dqi_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let it = match args.pos.first().and_then(native_ref::<DequeIter>) {
        Some(i) => i,
        None => return Err(vm.type_error("descriptor requires a deque iterator")),
    };
    let d = match native_ref::<Deque>(&it.deque) {
        Some(d) => d,
        None => return Err(vm.stop_iteration(Value::None)),
    };
    let items = d.items.borrow();
    if items.len() != it.len0 {
        drop(items);
        return Err(vm.runtime_error("deque mutated during iteration"));
    }
    let i = it.idx.get();
    if i >= items.len() {
        drop(items);
        return Err(vm.stop_iteration(Value::None));
    }
    it.idx.set(i + 1);
    let j = if it.rev { items.len() - 1 - i } else { i };
    Ok(items.get(j).cloned().unwrap_or(Value::None))
}

fn dq<'a>(vm: &mut Vm, args: &'a Args) -> PyResult<&'a Deque> {
    match args.pos.first().and_then(native_ref::<Deque>) {
        Some(d) => Ok(d),
        None => Err(vm.type_error("descriptor requires a 'collections.deque' object")),
    }
}

fn arg1<'a>(vm: &mut Vm, args: &'a Args, name: &str) -> PyResult<&'a Value> {
    match args.pos.get(1) {
        Some(v) => Ok(v),
        None => Err(vm.type_error(format!("{}() takes exactly one argument (0 given)", name))),
    }
}

fn new_deque(vm: &mut Vm, items: Vec<Value>, maxlen: Option<usize>) -> PyResult<Value> {
    vm.check_alloc(items.len().saturating_mul(16))?;
    let mut q: VecDeque<Value> = items.into();
    if let Some(m) = maxlen {
        while q.len() > m {
            q.pop_front();
        }
    }
    Ok(Value::obj(Obj::Native(Box::new(Deque {
        items: RefCell::new(q),
        maxlen,
        busy: Cell::new(false),
    }))))
}

/// `deque(iterable=(), maxlen=None)`; MicroPython's `deque(iterable, maxlen[, flags])`
/// positional form is accepted too. Called as `deque.__new__(cls, ...)`.
fn deque_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // args.pos[0] is the class
    let pos = args.pos.get(1..).unwrap_or(&[]);
    if pos.len() > 3 {
        return Err(vm.type_error(format!(
            "deque() takes at most 2 arguments ({} given)",
            pos.len()
        )));
    }
    for (k, _) in args.kw {
        let k = vm.str_of(k);
        if k != "iterable" && k != "maxlen" {
            return Err(vm.type_error(format!(
                "deque() got an unexpected keyword argument '{}'",
                k
            )));
        }
    }
    let iterable = pos.first().or_else(|| args.kwarg("iterable")).cloned();
    let maxlen = pos.get(1).or_else(|| args.kwarg("maxlen")).cloned();
    let maxlen = match maxlen {
        None | Some(Value::None) => None,
        Some(m) => {
            let n = vm.to_i64(&m)?;
            if n < 0 {
                return Err(vm.value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
    };
    let items = match iterable {
        Some(it) => vm.to_vec(&it)?,
        None => Vec::new(),
    };
    new_deque(vm, items, maxlen)
}

fn push(vm: &mut Vm, d: &Deque, v: Value, left: bool) -> PyResult<()> {
    let mut q = d.items.borrow_mut();
    if d.maxlen == Some(0) {
        return Ok(());
    }
    if q.len() & 0xfff == 0xfff {
        let n = q.len();
        drop(q);
        vm.check_alloc(n * 16)?;
        q = d.items.borrow_mut();
    }
    if left {
        if Some(q.len()) == d.maxlen {
            q.pop_back();
        }
        q.push_front(v);
    } else {
        if Some(q.len()) == d.maxlen {
            q.pop_front();
        }
        q.push_back(v);
    }
    Ok(())
}

fn dq_append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let v = arg1(vm, &args, "append")?.clone();
    push(vm, d, v, false)?;
    Ok(Value::None)
}
fn dq_appendleft(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let v = arg1(vm, &args, "appendleft")?.clone();
    push(vm, d, v, true)?;
    Ok(Value::None)
}
fn dq_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let r = d.items.borrow_mut().pop_back();
    match r {
        Some(v) => Ok(v),
        None => Err(vm.index_error("pop from an empty deque")),
    }
}
fn dq_popleft(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let r = d.items.borrow_mut().pop_front();
    match r {
        Some(v) => Ok(v),
        None => Err(vm.index_error("pop from an empty deque")),
    }
}
fn dq_extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let it = arg1(vm, &args, "extend")?.clone();
    let items = vm.to_vec(&it)?;
    for v in items {
        push(vm, d, v, false)?;
    }
    Ok(Value::None)
}
fn dq_iadd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dq_extend(vm, args)?;
    Ok(args.pos[0].clone())
}
fn dq_extendleft(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let it = arg1(vm, &args, "extendleft")?.clone();
    let items = vm.to_vec(&it)?;
    for v in items {
        push(vm, d, v, true)?;
    }
    Ok(Value::None)
}
fn dq_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let old = core::mem::take(&mut *d.items.borrow_mut());
    drop(old);
    Ok(Value::None)
}
fn dq_rotate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let n = match args.arg(1, "n") {
        Some(v) => {
            let v = v.clone();
            vm.to_i64(&v)?
        }
        None => 1,
    };
    let mut q = d.items.borrow_mut();
    let len = q.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        q.rotate_right(k);
    }
    Ok(Value::None)
}

/// Item `i` (None past the end), without holding the borrow across Python code.
fn item(d: &Deque, i: usize) -> Option<Value> {
    d.items.borrow().get(i).cloned()
}

/// First index in [start, stop) whose item equals `x`.
fn find(vm: &mut Vm, d: &Deque, x: &Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let len0 = d.items.borrow().len();
    let mut i = start;
    while i < stop {
        let v = match item(d, i) {
            Some(v) => v,
            None => break,
        };
        let eq = vm.eq(&v, x)?;
        if d.items.borrow().len() != len0 {
            return Err(vm.runtime_error("deque mutated during iteration"));
        }
        if eq {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn dq_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let x = arg1(vm, &args, "count")?.clone();
    let mut n = 0;
    let mut i = 0;
    loop {
        let len = d.items.borrow().len();
        match find(vm, d, &x, i, len)? {
            Some(j) => {
                n += 1;
                i = j + 1;
            }
            None => break,
        }
    }
    Ok(Value::Int(n))
}
fn dq_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let x = arg1(vm, &args, "__contains__")?.clone();
    let len = d.items.borrow().len();
    Ok(Value::Bool(find(vm, d, &x, 0, len)?.is_some()))
}
fn dq_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let x = arg1(vm, &args, "remove")?.clone();
    let len = d.items.borrow().len();
    match find(vm, d, &x, 0, len)? {
        Some(i) => {
            d.items.borrow_mut().remove(i);
            Ok(Value::None)
        }
        None => {
            let r = vm.repr_string(&x)?;
            Err(vm.value_error(format!("{} is not in deque", r)))
        }
    }
}

/// Normalise a start/stop bound like `list.index` does.
fn bound(vm: &mut Vm, v: Option<&Value>, len: usize, default: usize) -> PyResult<usize> {
    match v {
        None => Ok(default),
        Some(v) => {
            let v = v.clone();
            let i = vm.to_i64(&v)?;
            let l = len as i64;
            Ok(if i < 0 { (i + l).max(0) } else { i.min(l) } as usize)
        }
    }
}

fn dq_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let x = arg1(vm, &args, "index")?.clone();
    let len = d.items.borrow().len();
    let start = bound(vm, args.pos.get(2), len, 0)?;
    let stop = bound(vm, args.pos.get(3), len, len)?;
    match find(vm, d, &x, start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let r = vm.repr_string(&x)?;
            Err(vm.value_error(format!("{} is not in deque", r)))
        }
    }
}
fn dq_insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    if args.pos.len() != 3 {
        return Err(vm.type_error("insert expected 2 arguments"));
    }
    let i = vm.to_i64(&args.pos[1])?;
    let x = args.pos[2].clone();
    let mut q = d.items.borrow_mut();
    if Some(q.len()) == d.maxlen {
        drop(q);
        return Err(vm.index_error("deque already at its maximum size"));
    }
    let l = q.len() as i64;
    let i = if i < 0 { (i + l).max(0) } else { i.min(l) } as usize;
    q.insert(i, x);
    Ok(Value::None)
}
fn dq_reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let mut q = d.items.borrow_mut();
    let v: Vec<Value> = q.drain(..).rev().collect();
    q.extend(v);
    Ok(Value::None)
}
fn dq_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let v: Vec<Value> = d.items.borrow().iter().cloned().collect();
    new_deque(vm, v, d.maxlen)
}
fn dq_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let n = d.items.borrow().len();
    Ok(Value::Int(n as i64))
}
fn dq_bool(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let b = !d.items.borrow().is_empty();
    Ok(Value::Bool(b))
}
fn mk_iter(vm: &mut Vm, args: Args, rev: bool) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let len0 = d.items.borrow().len();
    Ok(Value::obj(Obj::Native(Box::new(DequeIter {
        deque: args.pos[0].clone(),
        idx: Cell::new(0),
        len0,
        rev,
    }))))
}
fn dq_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    mk_iter(vm, args, false)
}
fn dq_reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    mk_iter(vm, args, true)
}

fn index_arg(vm: &mut Vm, d: &Deque, k: &Value) -> PyResult<usize> {
    let i = match k {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ => {
            let t = vm.type_name(k);
            if matches!(k, Value::Obj(o) if matches!(&**o, Obj::Instance(_) | Obj::BigInt(_))) {
                vm.to_i64(k)?
            } else {
                return Err(vm.type_error(format!("sequence index must be integer, not '{}'", t)));
            }
        }
    };
    let n = d.items.borrow().len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("deque index out of range"));
    }
    Ok(j as usize)
}

fn dq_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let k = arg1(vm, &args, "__getitem__")?.clone();
    let i = index_arg(vm, d, &k)?;
    Ok(item(d, i).unwrap_or(Value::None))
}
fn dq_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    if args.pos.len() != 3 {
        return Err(vm.type_error("__setitem__ expected 2 arguments"));
    }
    let i = index_arg(vm, d, &args.pos[1])?;
    if let Some(slot) = d.items.borrow_mut().get_mut(i) {
        *slot = args.pos[2].clone();
    }
    Ok(Value::None)
}
fn dq_delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    let k = arg1(vm, &args, "__delitem__")?.clone();
    let i = index_arg(vm, d, &k)?;
    d.items.borrow_mut().remove(i);
    Ok(Value::None)
}
fn dq_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    if d.busy.get() {
        return Ok(Value::str("[...]"));
    }
    d.busy.set(true);
    let mut s = String::from("deque([");
    let mut i = 0;
    let r = loop {
        let v = match item(d, i) {
            Some(v) => v,
            None => break Ok(()),
        };
        if i > 0 {
            s.push_str(", ");
        }
        match vm.repr_string(&v) {
            Ok(r) => s.push_str(&r),
            Err(e) => break Err(e),
        }
        i += 1;
    };
    d.busy.set(false);
    r?;
    s.push(']');
    if let Some(m) = d.maxlen {
        s.push_str(&format!(", maxlen={}", m));
    }
    s.push(')');
    Ok(Value::string(s))
}
fn dq_maxlen(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dq(vm, &args)?;
    Ok(match d.maxlen {
        Some(m) => Value::Int(m as i64),
        None => Value::None,
    })
}
fn as_list(d: &Deque) -> Value {
    Value::list(d.items.borrow().iter().cloned().collect())
}
/// A deque compares with another deque as their lists do; with anything else,
/// NotImplemented.
fn dq_compare(vm: &mut Vm, args: Args, op: CmpOp) -> PyResult<Value> {
    let a = dq(vm, &args)?;
    let Some(b) = args.pos.get(1).and_then(native_ref::<Deque>) else {
        return Ok(Value::obj(Obj::NotImplemented));
    };
    let (la, lb) = (as_list(a), as_list(b));
    vm.compare_op(op, &la, &lb)
}
fn dq_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dq_compare(vm, args, CmpOp::Eq)
}
fn dq_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dq_compare(vm, args, CmpOp::NotEq)
}
fn dq_lt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dq_compare(vm, args, CmpOp::Lt)
}
fn dq_le(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dq_compare(vm, args, CmpOp::LtE)
}
fn dq_gt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dq_compare(vm, args, CmpOp::Gt)
}
fn dq_ge(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dq_compare(vm, args, CmpOp::GtE)
}
/// `deque + deque`: a new deque (the left one's maxlen) with both's items.
fn dq_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = dq(vm, &args)?;
    let other = arg1(vm, &args, "__add__")?;
    let Some(b) = native_ref::<Deque>(other) else {
        let t = vm.type_name(other);
        return Err(vm.type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            t
        )));
    };
    let mut v: Vec<Value> = a.items.borrow().iter().cloned().collect();
    v.extend(b.items.borrow().iter().cloned());
    new_deque(vm, v, a.maxlen)
}

// ---------------------------------------------------------------------- dict subclasses

/// `__getitem__` for dict subclasses with `__missing__` (defaultdict, Counter).
fn missing_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 2 {
        return Err(vm.type_error("__getitem__ expected 1 argument"));
    }
    let this = args.pos[0].clone();
    let key = args.pos[1].clone();
    let base = vm.base_value(&this);
    if !matches!(&base, Value::Obj(o) if matches!(&**o, Obj::Dict(_))) {
        return Err(vm.type_error("descriptor '__getitem__' requires a 'dict' object"));
    }
    if let Some(v) = vm.dict_get(&base, &key)? {
        return Ok(v);
    }
    match vm.lookup_special(&this, "__missing__") {
        Some(m) => vm.call(&m, &[this, key]),
        None => Err(vm.key_error(key)),
    }
}

/// `_caller_module()`: `__name__` of the frame that called the Python function calling
/// this (namedtuple's `__module__`).
fn caller_module(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let n = vm.frames.len();
    let g = if n >= 2 {
        vm.frames[n - 2].globals.clone()
    } else {
        vm.current_globals()
    };
    match vm.dict_get(&g, &Value::str("__name__")) {
        Ok(Some(m)) => Ok(m),
        _ => Ok(Value::str("__main__")),
    }
}

pub(crate) const PY_SRC: &str = include_str!("collections.py");

/// Set up the native deque class once per interpreter (what CPython's `_collections`
/// defines: its module, `__new__`, `maxlen`, unhashable).
fn deque_ready(vm: &mut Vm) -> Value {
    let cls = deque_class(vm);
    if let Value::Obj(o) = &cls {
        if let Obj::Class(c) = &**o {
            let mut cd = c.dict.borrow_mut();
            if cd.get_str("maxlen").is_none() {
                cd.set_str("__module__", Value::str("collections"));
                cd.set_str("__hash__", Value::None);
                let getter = crate::builtins::builtin_fn("maxlen", dq_maxlen);
                cd.set_str(
                    "maxlen",
                    Value::obj(Obj::Property(getter, Value::None, Value::None)),
                );
                let new = crate::builtins::builtin_fn("__new__", deque_new);
                cd.set_str("__new__", Value::obj(Obj::StaticMethod(new)));
            }
        }
    }
    cls
}

/// `_collections`: the native part of `collections` (deque), which loads no Python, so
/// `queue` can use deque without the rest of `collections`.
pub fn init_native(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    d.set_str("deque", deque_ready(vm));
    Ok(())
}

/// `collections`: deque (the same class as `_collections.deque`) and `__all__` at import;
/// namedtuple, OrderedDict, defaultdict and Counter thaw on first use (`modules::LAZY`).
pub fn init(vm: &mut Vm, globals: &Value) -> PyResult<()> {
    let deque = deque_ready(vm);
    crate::vm::dict_set_str(globals, Value::str("deque"), deque);
    for (name, f) in [
        ("_caller_module", caller_module as NativeFn),
        ("_missing_getitem", missing_getitem as NativeFn),
    ] {
        // `__getitem__` is the name the method reports
        let shown = if name == "_missing_getitem" {
            "__getitem__"
        } else {
            name
        };
        crate::vm::dict_set_str(
            globals,
            Value::str(name),
            crate::builtins::builtin_fn(shown, f),
        );
    }
    super::threading::run_frozen(vm, globals, "collections")
}
