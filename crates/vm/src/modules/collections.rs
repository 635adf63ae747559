//! `collections`: `deque` (Rust), `namedtuple`, `OrderedDict`, `defaultdict`, `Counter`
//! (Python source compiled at module init, on top of the VM's builtin-subclass support).
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

use crate::dict::Dict;
use crate::error::Mode;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::{add_fns, native_class, native_ref};

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
/// `list(deque)` for the Python-level comparison helpers
fn dq_tolist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = match args.pos.first().and_then(native_ref::<Deque>) {
        Some(d) => d,
        None => return Err(vm.type_error("not a deque")),
    };
    let v: Vec<Value> = d.items.borrow().iter().cloned().collect();
    Ok(Value::list(v))
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

const PY_SRC: &str = r#"
_tuple_new = tuple.__new__
_kwlist = frozenset(('False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await',
    'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for',
    'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass',
    'raise', 'return', 'try', 'while', 'with', 'yield'))

def _getter(i):
    return property(lambda self: self[i], doc='Alias for field number %d' % i)

def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for i, name in enumerate(field_names):
            if (not name.isidentifier() or name in _kwlist or name.startswith('_')
                    or name in seen):
                field_names[i] = '_%d' % i
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError('Type names and field names must be strings')
        if not name.isidentifier():
            raise ValueError('Type names and field names must be valid identifiers: %r'
                             % (name,))
        if name in _kwlist:
            raise ValueError('Type names and field names cannot be a keyword: %r' % (name,))
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: %r' % (name,))
        if name in seen:
            raise ValueError('Encountered duplicate field name: %r' % (name,))
        seen.add(name)
    fields = tuple(field_names)
    n = len(fields)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > n:
            raise TypeError('Got more default values than field names')
        field_defaults = dict(reversed(list(zip(reversed(fields), reversed(defaults)))))
    repr_fmt = typename + '(' + ', '.join([f + '=%r' for f in fields]) + ')'

    def __new__(cls, *args, **kw):
        na = len(args)
        if na == n and not kw:
            return _tuple_new(cls, args)
        if na > n:
            nd = len(field_defaults)
            if nd:
                raise TypeError('%s.__new__() takes from %d to %d positional arguments but '
                                '%d were given' % (typename, n + 1 - nd, n + 1, na + 1))
            raise TypeError('%s.__new__() takes %d positional arguments but %d were given'
                            % (typename, n + 1, na + 1))
        vals = list(args)
        for name in kw:
            if name not in fields:
                raise TypeError("%s.__new__() got an unexpected keyword argument '%s'"
                                % (typename, name))
            if fields.index(name) < na:
                raise TypeError("%s.__new__() got multiple values for argument '%s'"
                                % (typename, name))
        missing = []
        for name in fields[na:]:
            if name in kw:
                vals.append(kw[name])
            elif name in field_defaults:
                vals.append(field_defaults[name])
            else:
                missing.append(name)
        if missing:
            if len(missing) == 1:
                names = "'%s'" % missing[0]
            else:
                names = ', '.join(["'%s'" % m for m in missing[:-1]]) + " and '%s'" % missing[-1]
            raise TypeError('%s.__new__() missing %d required positional argument%s: %s'
                            % (typename, len(missing), '' if len(missing) == 1 else 's', names))
        return _tuple_new(cls, vals)

    def _make(cls, iterable):
        result = _tuple_new(cls, iterable)
        if len(result) != n:
            raise TypeError('Expected %d arguments, got %d' % (n, len(result)))
        return result

    def _replace(self, **kw):
        result = self._make([kw.pop(f) if f in kw else v for f, v in zip(fields, self)])
        if kw:
            raise ValueError('Got unexpected field names: %r' % list(kw))
        return result

    def __repr__(self):
        return self.__class__.__name__ + repr_fmt[len(typename):] % tuple(self)

    def _asdict(self):
        return dict(zip(fields, self))

    def __getnewargs__(self):
        return tuple(self)

    ns = {
        '__doc__': '%s(%s)' % (typename, ', '.join(fields)),
        '__slots__': (),
        '_fields': fields,
        '_field_defaults': field_defaults,
        '__new__': __new__,
        '_make': classmethod(_make),
        '_replace': _replace,
        '__repr__': __repr__,
        '_asdict': _asdict,
        '__getnewargs__': __getnewargs__,
        '__match_args__': fields,
        '__module__': module if module is not None else _caller_module(),
    }
    for i, name in enumerate(fields):
        ns[name] = _getter(i)
    return type(typename, (tuple,), ns)


class OrderedDict(dict):
    def move_to_end(self, key, last=True):
        v = dict.pop(self, key)
        if last:
            self[key] = v
        else:
            rest = list(self.items())
            self.clear()
            self[key] = v
            self.update(rest)

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        if last:
            return dict.popitem(self)
        k = next(iter(self))
        return (k, dict.pop(self, k))

    def copy(self):
        return self.__class__(self)

    def __reversed__(self):
        return reversed(list(self))

    def __repr__(self):
        if not self:
            return '%s()' % (self.__class__.__name__,)
        return '%s(%r)' % (self.__class__.__name__, list(self.items()))

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    @classmethod
    def fromkeys(cls, iterable, value=None):
        d = cls()
        for k in iterable:
            d[k] = value
        return d


class defaultdict(dict):
    def __init__(self, default_factory=None, *args, **kw):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        self.update(*args, **kw)
        self.default_factory = default_factory

    def __missing__(self, key):
        f = self.default_factory
        if f is None:
            raise KeyError(key)
        v = f()
        self[key] = v
        return v

    def __repr__(self):
        return '%s(%r, %s)' % (self.__class__.__name__, self.default_factory,
                               dict.__repr__(self))

    def copy(self):
        return self.__class__(self.default_factory, self)

    __copy__ = copy
    __hash__ = None


class Counter(dict):
    def __init__(self, iterable=None, /, **kwds):
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        items = sorted(self.items(), key=_second, reverse=True)
        return items if n is None else items[:max(n, 0)]

    def elements(self):
        for k, v in self.items():
            for _ in range(v):
                yield k

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k, v in iterable.items():
                    self[k] = self.get(k, 0) + v
            else:
                for k in iterable:
                    self[k] = self.get(k, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k, v in iterable.items():
                    self[k] = self.get(k, 0) - v
            else:
                for k in iterable:
                    self[k] = self.get(k, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return self.__class__(self)

    def __delitem__(self, key):
        if key in self:
            dict.__delitem__(self, key)

    def __repr__(self):
        if not self:
            return '%s()' % self.__class__.__name__
        return '%s({%s})' % (self.__class__.__name__,
                             ', '.join(['%r: %r' % kv for kv in self.most_common()]))

    def _merge(self, other, op):
        # the positive counts of op(mine, theirs) over the keys of both
        if not isinstance(other, Counter):
            return NotImplemented
        r = Counter()
        for k, v in self.items():
            t = op(v, other[k])
            if t > 0:
                r[k] = t
        for k, v in other.items():
            if k not in self:
                t = op(0, v)
                if t > 0:
                    r[k] = t
        return r

    def __add__(self, other):
        return self._merge(other, lambda a, b: a + b)

    def __sub__(self, other):
        return self._merge(other, lambda a, b: a - b)

    def __or__(self, other):
        return self._merge(other, max)

    def __and__(self, other):
        return self._merge(other, min)

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return dict.__eq__(self, other)
        return all(self[k] == other[k] for c in (self, other) for k in c)

    def __ne__(self, other):
        return not self == other

    __hash__ = None


def _second(kv):
    return kv[1]


def _deque_eq(a, b):
    if not isinstance(b, deque):
        return NotImplemented
    return _deque_list(a) == _deque_list(b)

def _deque_ne(a, b):
    if not isinstance(b, deque):
        return NotImplemented
    return _deque_list(a) != _deque_list(b)

def _deque_lt(a, b):
    if not isinstance(b, deque):
        return NotImplemented
    return _deque_list(a) < _deque_list(b)

def _deque_le(a, b):
    if not isinstance(b, deque):
        return NotImplemented
    return _deque_list(a) <= _deque_list(b)

def _deque_gt(a, b):
    if not isinstance(b, deque):
        return NotImplemented
    return _deque_list(a) > _deque_list(b)

def _deque_ge(a, b):
    if not isinstance(b, deque):
        return NotImplemented
    return _deque_list(a) >= _deque_list(b)

def _deque_add(a, b):
    if not isinstance(b, deque):
        raise TypeError('can only concatenate deque (not "%s") to deque' % type(b).__name__)
    r = a.copy()
    r.extend(b)
    return r

deque.__eq__ = _deque_eq
deque.__ne__ = _deque_ne
deque.__lt__ = _deque_lt
deque.__le__ = _deque_le
deque.__gt__ = _deque_gt
deque.__ge__ = _deque_ge
deque.__add__ = _deque_add
deque.__new__ = lambda cls, *a, **k: _deque_new(cls, *a, **k)
"#;

pub fn init(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    let cls = deque_class(vm);
    if let Value::Obj(o) = &cls {
        if let Obj::Class(c) = &**o {
            let mut cd = c.dict.borrow_mut();
            cd.set_str("__module__", Value::str("collections"));
            cd.set_str("__hash__", Value::None);
            let getter = crate::builtins::builtin_fn("maxlen", dq_maxlen);
            cd.set_str(
                "maxlen",
                Value::obj(Obj::Property(getter, Value::None, Value::None)),
            );
        }
    }
    let mut ns = Dict::new();
    ns.set_str("__name__", Value::str("collections"));
    ns.set_str("deque", cls.clone());
    add_fns(
        &mut ns,
        &[
            ("_deque_new", deque_new),
            ("_deque_list", dq_tolist),
            ("_caller_module", caller_module),
        ],
    );
    let nsv = Value::dict(ns);
    let code = crate::builtins::compile_to_code(vm, PY_SRC, "<collections>", Mode::Exec)?;
    vm.run_code(code, nsv.clone(), nsv.clone())?;
    if let Value::Obj(o) = &nsv {
        if let Obj::Dict(nd) = &**o {
            for (k, v) in nd.borrow().items() {
                d.set_strval(k, v);
            }
        }
    }
    for name in ["defaultdict", "Counter"] {
        if let Some(c) = d.get_str(name).cloned() {
            crate::types::add_methods(&c, &[("__getitem__", missing_getitem)]);
        }
    }
    Ok(())
}
