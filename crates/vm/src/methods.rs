//! Methods of the builtin types (str and bytes live in `str_methods.rs`).

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

use crate::ast::{BinOp, CmpOp};
use crate::dict::Dict;
use crate::types::{add_classmethods, add_methods, TypeId, TypeTable};
use crate::value::*;
use crate::vm::{PyResult, Vm};

pub fn register_all(t: &TypeTable) {
    add_methods(
        t.get_ref(TypeId::List),
        &[
            ("append", list_append),
            ("extend", list_extend),
            ("pop", list_pop),
            ("insert", list_insert),
            ("remove", list_remove),
            ("index", list_index),
            ("count", seq_count),
            ("reverse", list_reverse),
            ("sort", list_sort),
            ("copy", list_copy),
            ("clear", list_clear),
            ("__len__", any_len),
            ("__getitem__", any_getitem),
            ("__setitem__", any_setitem),
            ("__delitem__", any_delitem),
            ("__contains__", any_contains),
            ("__iter__", any_iter),
            ("__init__", list_init),
            ("__eq__", any_eq),
            ("__add__", any_add),
            ("__iadd__", any_iadd),
            ("__mul__", any_mul),
            ("__repr__", any_repr),
        ],
    );
    add_methods(
        t.get_ref(TypeId::Tuple),
        &[
            ("index", list_index),
            ("count", seq_count),
            ("__len__", any_len),
            ("__getitem__", any_getitem),
            ("__contains__", any_contains),
            ("__iter__", any_iter),
            ("__eq__", any_eq),
            ("__add__", any_add),
            ("__mul__", any_mul),
            ("__hash__", any_hash),
            ("__repr__", any_repr),
        ],
    );
    add_methods(
        t.get_ref(TypeId::Dict),
        &[
            ("get", dict_get),
            ("setdefault", dict_setdefault),
            ("pop", dict_pop),
            ("popitem", dict_popitem),
            ("update", dict_update),
            ("keys", dict_keys),
            ("values", dict_values),
            ("items", dict_items),
            ("copy", dict_copy),
            ("clear", dict_clear),
            ("__len__", any_len),
            ("__getitem__", any_getitem),
            ("__setitem__", any_setitem),
            ("__delitem__", any_delitem),
            ("__contains__", any_contains),
            ("__iter__", any_iter),
            ("__init__", dict_init),
            ("__eq__", any_eq),
            ("__repr__", any_repr),
        ],
    );
    add_classmethods(t.get_ref(TypeId::Dict), &[("fromkeys", dict_fromkeys)]);
    let set_methods: &[(&'static str, NativeFn)] = &[
        ("add", set_add),
        ("discard", set_discard),
        ("remove", set_remove),
        ("pop", set_pop),
        ("clear", set_clear),
        ("copy", set_copy),
        ("update", set_update),
        ("union", set_union),
        ("intersection", set_intersection),
        ("difference", set_difference),
        ("symmetric_difference", set_symdiff),
        ("intersection_update", set_intersection_update),
        ("difference_update", set_difference_update),
        ("symmetric_difference_update", set_symdiff_update),
        ("issubset", set_issubset),
        ("issuperset", set_issuperset),
        ("isdisjoint", set_isdisjoint),
        ("__len__", any_len),
        ("__contains__", any_contains),
        ("__iter__", any_iter),
        ("__repr__", any_repr),
    ];
    add_methods(t.get_ref(TypeId::Set), set_methods);
    add_methods(
        t.get_ref(TypeId::FrozenSet),
        &[
            ("copy", set_copy),
            ("union", set_union),
            ("intersection", set_intersection),
            ("difference", set_difference),
            ("symmetric_difference", set_symdiff),
            ("issubset", set_issubset),
            ("issuperset", set_issuperset),
            ("isdisjoint", set_isdisjoint),
            ("__len__", any_len),
            ("__contains__", any_contains),
            ("__iter__", any_iter),
            ("__hash__", any_hash),
        ],
    );
    add_methods(
        t.get_ref(TypeId::Int),
        &[
            ("bit_length", int_bit_length),
            ("to_bytes", int_to_bytes),
            ("conjugate", num_self),
            ("__index__", num_self),
            ("__int__", num_self),
            ("__float__", num_float),
            ("__abs__", num_abs),
            ("__hash__", any_hash),
            ("__repr__", any_repr),
            ("__str__", any_repr),
            ("__add__", num_add),
            ("__sub__", num_sub),
            ("__mul__", num_mul),
            ("__eq__", any_eq),
            ("__lt__", any_lt),
            ("__neg__", num_neg),
        ],
    );
    add_classmethods(t.get_ref(TypeId::Int), &[("from_bytes", int_from_bytes)]);
    add_methods(
        t.get_ref(TypeId::Float),
        &[
            ("is_integer", float_is_integer),
            ("conjugate", num_self),
            ("as_integer_ratio", float_as_integer_ratio),
            ("hex", float_hex),
            ("__float__", num_self),
            ("__int__", num_int),
            ("__abs__", num_abs),
            ("__hash__", any_hash),
            ("__repr__", any_repr),
            ("__add__", num_add),
            ("__sub__", num_sub),
            ("__mul__", num_mul),
            ("__eq__", any_eq),
            ("__lt__", any_lt),
            ("__neg__", num_neg),
        ],
    );
    add_methods(
        t.get_ref(TypeId::Complex),
        &[("conjugate", complex_conjugate), ("__abs__", num_abs)],
    );
    add_methods(
        t.get_ref(TypeId::Object),
        &[
            ("__init__", object_init),
            ("__repr__", object_repr),
            ("__str__", object_str),
            ("__eq__", object_eq),
            ("__ne__", object_ne),
            ("__hash__", object_hash),
            ("__setattr__", object_setattr),
            ("__getattribute__", object_getattribute),
            ("__delattr__", object_delattr),
            ("__format__", object_format),
        ],
    );
    add_methods(t.get_ref(TypeId::Object), &[("__new__", object_new_fn)]);
    if let Some(c) = crate::types::class_of(t.get_ref(TypeId::Object)) {
        // __new__ is a static method taking cls explicitly
        let mut d = c.dict.borrow_mut();
        if let Some(v) = d.get_str("__new__").cloned() {
            d.set_str("__new__", Value::obj(Obj::StaticMethod(v)));
        }
        drop(d);
        let mut d = c.dict.borrow_mut();
        let isc = Value::obj(Obj::Builtin(Builtin {
            name: "__init_subclass__",
            func: noop,
            self_: None,
            data: None,
        }));
        d.set_str("__init_subclass__", Value::obj(Obj::ClassMethod(isc)));
    }
    add_methods(
        t.get_ref(TypeId::Type),
        &[("mro", type_mro), ("__subclasses__", type_subclasses)],
    );
    add_methods(
        t.get_ref(TypeId::BaseException),
        &[
            ("__init__", exc_init),
            ("with_traceback", exc_with_traceback),
            ("add_note", noop),
        ],
    );
    for g in [TypeId::Generator, TypeId::Coroutine] {
        add_methods(
            t.get_ref(g),
            &[
                ("send", crate::types::gen_send),
                ("throw", crate::types::gen_throw),
                ("close", crate::types::gen_close),
                ("__next__", crate::types::gen_next),
                ("__iter__", crate::types::iter_self),
            ],
        );
    }
    add_methods(
        t.get_ref(TypeId::Coroutine),
        &[("__await__", crate::types::iter_self)],
    );
    for it in [
        TypeId::Iterator,
        TypeId::Enumerate,
        TypeId::Zip,
        TypeId::Map,
        TypeId::Filter,
        TypeId::Reversed,
    ] {
        add_methods(
            t.get_ref(it),
            &[
                ("__next__", crate::types::gen_next),
                ("__iter__", crate::types::iter_self),
            ],
        );
    }
    add_methods(
        t.get_ref(TypeId::Property),
        &[
            ("getter", prop_getter),
            ("setter", prop_setter),
            ("deleter", prop_deleter),
            ("__get__", prop_get),
        ],
    );
    for v in [TypeId::DictKeys, TypeId::DictValues, TypeId::DictItems] {
        add_methods(
            t.get_ref(v),
            &[
                ("__len__", any_len),
                ("__iter__", any_iter),
                ("__contains__", any_contains),
            ],
        );
    }
    add_methods(
        t.get_ref(TypeId::Range),
        &[("index", list_index), ("count", seq_count)],
    );
    add_methods(t.get_ref(TypeId::Slice), &[("indices", slice_indices_m)]);
    crate::str_methods::register(t);
}

fn list_cell<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a RefCell<Vec<Value>>> {
    if let Value::Obj(o) = v {
        if let Obj::List(l) = &**o {
            return Ok(l);
        }
    }
    Err(vm.type_error("descriptor requires a 'list' object"))
}

/// For methods of builtin types called on instances of subclasses: the wrapped value.
fn recv(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    match args.pos.first() {
        Some(v) => Ok(vm.base_value(v)),
        None => Err(vm.type_error("method needs an argument")),
    }
}

fn noop(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

// ---------------------------------------------------------------------- generic dunders

fn any_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let n = match &s {
        Value::Obj(o) => match &**o {
            Obj::DictView(dv) => {
                let d = dv.dict.clone();
                vm.len(&d)?
            }
            _ => vm.len(&s)?,
        },
        _ => vm.len(&s)?,
    };
    Ok(Value::Int(n as i64))
}
fn any_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let k = vm.arg(&args, 1, "__getitem__")?.clone();
    vm.get_item(&s, &k)
}
fn any_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let k = vm.arg(&args, 1, "__setitem__")?.clone();
    let v = vm.arg(&args, 2, "__setitem__")?.clone();
    vm.set_item(&s, &k, v)?;
    Ok(Value::None)
}
fn any_delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let k = vm.arg(&args, 1, "__delitem__")?.clone();
    vm.del_item(&s, &k)?;
    Ok(Value::None)
}
fn any_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let k = vm.arg(&args, 1, "__contains__")?.clone();
    if let Value::Obj(o) = &s {
        if let Obj::DictView(dv) = &**o {
            let d = dv.dict.clone();
            return match dv.kind {
                0 => Ok(Value::Bool(vm.dict_find(&d, &k)?.is_some())),
                1 => {
                    let vals = crate::types::set_keys(&d);
                    let _ = vals;
                    let items = vm.mapping_items(&d)?;
                    for (_, v) in items {
                        if vm.eq(&v, &k)? {
                            return Ok(Value::Bool(true));
                        }
                    }
                    Ok(Value::Bool(false))
                }
                _ => {
                    let pair = vm.to_vec(&k)?;
                    if pair.len() != 2 {
                        return Ok(Value::Bool(false));
                    }
                    match vm.dict_get(&d, &pair[0])? {
                        Some(v) => Ok(Value::Bool(vm.eq(&v, &pair[1])?)),
                        None => Ok(Value::Bool(false)),
                    }
                }
            };
        }
    }
    Ok(Value::Bool(vm.contains(&s, &k)?))
}
fn any_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    if let Value::Obj(o) = &s {
        if let Obj::DictView(dv) = &**o {
            let n = vm.len(&dv.dict)?;
            return Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Dict {
                dict: dv.dict.clone(),
                idx: 0,
                kind: dv.kind,
                len_at_start: n,
            }))));
        }
    }
    vm.get_iter(&s)
}
fn any_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let o = vm.arg(&args, 1, "__eq__")?.clone();
    let o = vm.base_value(&o);
    vm.compare_op(CmpOp::Eq, &s, &o)
}
fn any_lt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let o = vm.arg(&args, 1, "__lt__")?.clone();
    let o = vm.base_value(&o);
    vm.compare_op(CmpOp::Lt, &s, &o)
}
fn any_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let o = vm.arg(&args, 1, "__add__")?.clone();
    let o = vm.base_value(&o);
    vm.binary_op(BinOp::Add, &s, &o)
}
fn any_iadd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let o = vm.arg(&args, 1, "__iadd__")?.clone();
    vm.inplace_op(BinOp::Add, &s, &o)?;
    Ok(args.pos[0].clone())
}
fn any_mul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let o = vm.arg(&args, 1, "__mul__")?.clone();
    vm.binary_op(BinOp::Mult, &s, &o)
}
fn any_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let h = vm.hash(&s)?;
    Ok(Value::Int(h as i64))
}
fn any_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    vm.repr(&s)
}
fn num_self(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    Ok(match s {
        Value::Bool(b) => Value::Int(b as i64),
        v => v,
    })
}
fn num_float(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    Ok(Value::Float(vm.to_f64(&s)?))
}
fn num_int(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    crate::constructors::int_from(vm, &s, None)
}
fn num_abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    crate::builtins::abs_value(vm, &s)
}
fn num_neg(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    vm.unary_op(crate::ast::UnaryOp::USub, &s)
}
fn num_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    num_binop(vm, args, BinOp::Add)
}
fn num_sub(vm: &mut Vm, args: Args) -> PyResult<Value> {
    num_binop(vm, args, BinOp::Sub)
}
fn num_mul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    num_binop(vm, args, BinOp::Mult)
}
fn num_binop(vm: &mut Vm, args: Args, op: BinOp) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let o = vm.arg(&args, 1, "op")?.clone();
    let o = vm.base_value(&o);
    match crate::numeric::binary_numeric(vm, op, &s, &o)? {
        Some(v) => Ok(v),
        None => Ok(Value::obj(Obj::NotImplemented)),
    }
}

// ---------------------------------------------------------------------- list

fn list_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let l = list_cell(vm, &s)?;
    if let Some(it) = args.pos.get(1) {
        let items = vm.to_vec(it)?;
        *l.borrow_mut() = items;
    }
    Ok(Value::None)
}
fn list_append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "append")?;
    let s = recv(vm, &args)?;
    let l = list_cell(vm, &s)?;
    let (n, cap) = {
        let b = l.borrow();
        (b.len(), b.capacity())
    };
    vm.check_grow(n, cap)?;
    l.borrow_mut().push(args.pos[1].clone());
    Ok(Value::None)
}
fn list_extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "extend")?;
    let s = recv(vm, &args)?;
    let items = vm.to_vec(&args.pos[1])?;
    let l = list_cell(vm, &s)?;
    let n = l.borrow().len();
    if n + items.len() > l.borrow().capacity() {
        vm.check_alloc((n + items.len()) * core::mem::size_of::<Value>())?;
    }
    l.borrow_mut().extend(items);
    Ok(Value::None)
}
fn list_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 2, "pop")?;
    let s = recv(vm, &args)?;
    let idx = match args.pos.get(1) {
        Some(i) => Some(vm.to_i64(i)?),
        None => None,
    };
    let l = list_cell(vm, &s)?;
    let mut l = l.borrow_mut();
    if l.is_empty() {
        drop(l);
        return Err(vm.index_error("pop from empty list"));
    }
    let n = l.len() as i64;
    let i = match idx {
        None => n - 1,
        Some(i) if i < 0 => i + n,
        Some(i) => i,
    };
    if i < 0 || i >= n {
        drop(l);
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(l.remove(i as usize))
}
fn list_insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 3, 3, "insert")?;
    let s = recv(vm, &args)?;
    let i = vm.to_i64(&args.pos[1])?;
    let l = list_cell(vm, &s)?;
    let mut l = l.borrow_mut();
    let n = l.len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(i as usize, args.pos[2].clone());
    Ok(Value::None)
}
fn list_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "remove")?;
    let s = recv(vm, &args)?;
    let cell = list_cell(vm, &s)?;
    let items = vm.clone_values(&cell.borrow())?;
    for (i, x) in items.iter().enumerate() {
        if vm.eq(x, &args.pos[1])? {
            let l = list_cell(vm, &s)?;
            let mut l = l.borrow_mut();
            if i < l.len() {
                l.remove(i);
            }
            return Ok(Value::None);
        }
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}
fn list_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 4, "index")?;
    let s = recv(vm, &args)?;
    let items = vm.to_vec(&s)?;
    let n = items.len() as i64;
    let norm = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let start = match args.pos.get(2) {
        Some(v) => norm(vm.to_i64(v)?),
        None => 0,
    };
    let end = match args.pos.get(3) {
        Some(v) => norm(vm.to_i64(v)?),
        None => n,
    };
    for i in start..end {
        if vm.eq(&items[i as usize], &args.pos[1])? {
            return Ok(Value::Int(i));
        }
    }
    let t = vm.type_name(&s);
    Err(vm.value_error(format!("{}.index(x): x not in {}", t, t)))
}
fn seq_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "count")?;
    let s = recv(vm, &args)?;
    let items = vm.to_vec(&s)?;
    let mut c = 0;
    for x in items.iter() {
        if vm.eq(x, &args.pos[1])? {
            c += 1;
        }
    }
    Ok(Value::Int(c))
}
fn list_reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    list_cell(vm, &s)?.borrow_mut().reverse();
    Ok(Value::None)
}
fn list_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let cell = list_cell(vm, &s)?;
    let v = vm.clone_values(&cell.borrow())?;
    Ok(Value::list(v))
}
fn list_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    list_cell(vm, &s)?.borrow_mut().clear();
    Ok(Value::None)
}
fn list_sort(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let s = recv(vm, &args)?;
    let key = args.kwarg("key").cloned().unwrap_or(Value::None);
    let reverse = match args.kwarg("reverse") {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    // take the items out while sorting (mutation during sort is then invisible)
    let items = core::mem::take(&mut *list_cell(vm, &s)?.borrow_mut());
    let r = sort_values(vm, items, &key, reverse);
    match r {
        Ok(sorted) => {
            *list_cell(vm, &s)?.borrow_mut() = sorted;
            Ok(Value::None)
        }
        Err((e, items)) => {
            *list_cell(vm, &s)?.borrow_mut() = items;
            Err(e)
        }
    }
}

/// Stable merge sort calling Python comparisons; on error the original items come back.
pub fn sort_values(
    vm: &mut Vm,
    items: Vec<Value>,
    key: &Value,
    reverse: bool,
) -> Result<Vec<Value>, (crate::vm::PyErr, Vec<Value>)> {
    // the keys, the index and the merge buffer (a board's heap may not have them)
    let n = items.len();
    let need = n.saturating_mul(core::mem::size_of::<Value>() + 2 * core::mem::size_of::<usize>());
    if let Err(e) = vm.check_memory_now().and_then(|_| vm.check_alloc(need)) {
        return Err((e, items));
    }
    let keys: Vec<Value> = if key.is_none() {
        items.clone()
    } else {
        let mut ks = Vec::with_capacity(items.len());
        for x in items.iter() {
            match vm.call(key, core::slice::from_ref(x)) {
                Ok(k) => ks.push(k),
                Err(e) => return Err((e, items)),
            }
        }
        ks
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    // fast paths: all ints, all floats, all strs
    let all_int = keys.iter().all(|k| matches!(k, Value::Int(_)));
    let all_str = !all_int && keys.iter().all(|k| k.as_str().is_some());
    if all_int {
        idx.sort_by(|&a, &b| {
            let (x, y) = match (&keys[a], &keys[b]) {
                (Value::Int(x), Value::Int(y)) => (*x, *y),
                _ => (0, 0),
            };
            if reverse {
                y.cmp(&x)
            } else {
                x.cmp(&y)
            }
        });
    } else if all_str {
        idx.sort_by(|&a, &b| {
            let x = keys[a].as_str().map(|s| s.as_str()).unwrap_or("");
            let y = keys[b].as_str().map(|s| s.as_str()).unwrap_or("");
            if reverse {
                y.cmp(x)
            } else {
                x.cmp(y)
            }
        });
    } else {
        // merge sort with fallible comparisons
        let mut err = None;
        let mut buf = idx.clone();
        let n = idx.len();
        let mut width = 1;
        while width < n && err.is_none() {
            let mut i = 0;
            while i < n {
                let mid = (i + width).min(n);
                let hi = (i + 2 * width).min(n);
                let (mut a, mut b, mut k) = (i, mid, i);
                while a < mid && b < hi {
                    // take from the right only if right < left (stability)
                    let lt = if reverse {
                        less(vm, &keys[idx[a]], &keys[idx[b]])
                    } else {
                        less(vm, &keys[idx[b]], &keys[idx[a]])
                    };
                    let take_right = match lt {
                        Ok(v) => v,
                        Err(e) => {
                            err = Some(e);
                            false
                        }
                    };
                    if take_right {
                        buf[k] = idx[b];
                        b += 1;
                    } else {
                        buf[k] = idx[a];
                        a += 1;
                    }
                    k += 1;
                }
                while a < mid {
                    buf[k] = idx[a];
                    a += 1;
                    k += 1;
                }
                while b < hi {
                    buf[k] = idx[b];
                    b += 1;
                    k += 1;
                }
                i += 2 * width;
            }
            core::mem::swap(&mut idx, &mut buf);
            width *= 2;
        }
        if let Some(e) = err {
            return Err((e, items));
        }
    }
    Ok(idx.into_iter().map(|i| items[i].clone()).collect())
}

fn less(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        return Ok(x < y);
    }
    let r = vm.compare_op(CmpOp::Lt, a, b)?;
    vm.truthy(&r)
}

// ---------------------------------------------------------------------- dict

fn dict_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    if let Some(v) = args.pos.get(1) {
        crate::constructors::dict_update_from(vm, &s, v)?;
    }
    for (k, v) in args.kw {
        vm.dict_set(&s, k.clone(), v.clone())?;
    }
    Ok(Value::None)
}
fn dict_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 3, "get")?;
    let s = recv(vm, &args)?;
    Ok(vm
        .dict_get(&s, &args.pos[1])?
        .unwrap_or_else(|| args.pos.get(2).cloned().unwrap_or(Value::None)))
}
fn dict_setdefault(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 3, "setdefault")?;
    let s = recv(vm, &args)?;
    if let Some(v) = vm.dict_get(&s, &args.pos[1])? {
        return Ok(v);
    }
    let d = args.pos.get(2).cloned().unwrap_or(Value::None);
    vm.dict_set(&s, args.pos[1].clone(), d.clone())?;
    Ok(d)
}
fn dict_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 3, "pop")?;
    let s = recv(vm, &args)?;
    match vm.dict_remove(&s, &args.pos[1])? {
        Some(v) => Ok(v),
        None => match args.pos.get(2) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.key_error(args.pos[1].clone())),
        },
    }
}
fn dict_popitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let r = match &s {
        Value::Obj(o) => match &**o {
            Obj::Dict(d) => d.borrow_mut().pop_last(),
            _ => None,
        },
        _ => None,
    };
    match r {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => Err(vm.err(TypeId::KeyError, "popitem(): dictionary is empty")),
    }
}
fn dict_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    if let Some(v) = args.pos.get(1) {
        crate::constructors::dict_update_from(vm, &s, v)?;
    }
    for (k, v) in args.kw {
        vm.dict_set(&s, k.clone(), v.clone())?;
    }
    Ok(Value::None)
}
fn dict_view(vm: &mut Vm, args: Args, kind: u8) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    Ok(Value::obj(Obj::DictView(DictView { dict: s, kind })))
}
fn dict_keys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dict_view(vm, args, 0)
}
fn dict_values(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dict_view(vm, args, 1)
}
fn dict_items(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dict_view(vm, args, 2)
}
fn dict_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    match &s {
        Value::Obj(o) => match &**o {
            Obj::Dict(d) => Ok(Value::dict(vm.clone_dict(&d.borrow())?)),
            _ => Err(vm.type_error("dict.copy needs a dict")),
        },
        _ => Err(vm.type_error("dict.copy needs a dict")),
    }
}
fn dict_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    if let Value::Obj(o) = &s {
        if let Obj::Dict(d) = &**o {
            d.borrow_mut().clear();
        }
    }
    Ok(Value::None)
}
fn dict_fromkeys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // called as a classmethod: args[0] is the class
    let keys = vm.arg(&args, 1, "fromkeys")?.clone();
    let v = args.pos.get(2).cloned().unwrap_or(Value::None);
    let d = Value::dict(Dict::new());
    for k in vm.to_vec(&keys)? {
        vm.dict_set(&d, k, v.clone())?;
    }
    Ok(d)
}

// ---------------------------------------------------------------------- set

fn set_cell<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a RefCell<Dict>> {
    if let Value::Obj(o) = v {
        if let Obj::Set(d) = &**o {
            return Ok(d);
        }
    }
    Err(vm.type_error("descriptor requires a 'set' object"))
}
fn set_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "add")?;
    let s = recv(vm, &args)?;
    vm.set_add(&s, args.pos[1].clone())?;
    Ok(Value::None)
}
fn set_discard(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "discard")?;
    let s = recv(vm, &args)?;
    vm.dict_remove(&s, &args.pos[1])?;
    Ok(Value::None)
}
fn set_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "remove")?;
    let s = recv(vm, &args)?;
    match vm.dict_remove(&s, &args.pos[1])? {
        Some(_) => Ok(Value::None),
        None => Err(vm.key_error(args.pos[1].clone())),
    }
}
fn set_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let c = set_cell(vm, &s)?;
    let first = {
        let d = c.borrow();
        d.slots()
            .iter()
            .position(|e| !matches!(e.key, Value::Undef))
    };
    match first {
        Some(i) => Ok(c.borrow_mut().remove_at(i).0),
        None => Err(vm.err(TypeId::KeyError, "pop from an empty set")),
    }
}
fn set_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    set_cell(vm, &s)?.borrow_mut().clear();
    Ok(Value::None)
}
fn set_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    Ok(match &s {
        Value::Obj(o) => match &**o {
            Obj::Set(d) => Value::obj(Obj::Set(RefCell::new(vm.clone_dict(&d.borrow())?))),
            Obj::FrozenSet(_) => s.clone(),
            _ => return Err(vm.type_error("copy needs a set")),
        },
        _ => return Err(vm.type_error("copy needs a set")),
    })
}
fn set_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    for other in &args.pos[1..] {
        for v in vm.to_vec(other)? {
            vm.set_add(&s, v)?;
        }
    }
    Ok(Value::None)
}
fn to_set(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Value::Obj(o) = v {
        if matches!(&**o, Obj::Set(_) | Obj::FrozenSet(_)) {
            return Ok(v.clone());
        }
    }
    let items = vm.to_vec(v)?;
    vm.new_set(&items)
}
fn set_method_op(vm: &mut Vm, args: Args, op: BinOp) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let frozen = matches!(&s, Value::Obj(o) if matches!(&**o, Obj::FrozenSet(_)));
    let mut acc = s.clone();
    if args.pos.len() == 1 {
        return set_op(
            vm,
            BinOp::BitOr,
            &acc,
            &Value::obj(Obj::Set(RefCell::new(Dict::new()))),
            frozen,
        );
    }
    for other in &args.pos[1..] {
        let o = to_set(vm, other)?;
        acc = set_op(vm, op, &acc, &o, frozen)?;
    }
    Ok(acc)
}
fn set_union(vm: &mut Vm, args: Args) -> PyResult<Value> {
    set_method_op(vm, args, BinOp::BitOr)
}
fn set_intersection(vm: &mut Vm, args: Args) -> PyResult<Value> {
    set_method_op(vm, args, BinOp::BitAnd)
}
fn set_difference(vm: &mut Vm, args: Args) -> PyResult<Value> {
    set_method_op(vm, args, BinOp::Sub)
}
fn set_symdiff(vm: &mut Vm, args: Args) -> PyResult<Value> {
    set_method_op(vm, args, BinOp::BitXor)
}
fn set_inplace(vm: &mut Vm, args: Args, op: BinOp) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let r = set_method_op(vm, args, op)?;
    let d = match &r {
        Value::Obj(o) => match &**o {
            Obj::Set(d) => d.borrow().clone(),
            Obj::FrozenSet(d) => d.clone(),
            _ => Dict::new(),
        },
        _ => Dict::new(),
    };
    *set_cell(vm, &s)?.borrow_mut() = d;
    Ok(Value::None)
}
fn set_intersection_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    set_inplace(vm, args, BinOp::BitAnd)
}
fn set_difference_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    set_inplace(vm, args, BinOp::Sub)
}
fn set_symdiff_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    set_inplace(vm, args, BinOp::BitXor)
}
fn set_issubset(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let o = to_set(vm, vm_arg(&args, 1))?;
    Ok(Value::Bool(crate::types::set_compare(
        vm,
        CmpOp::LtE,
        &s,
        &o,
    )?))
}
fn set_issuperset(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let o = to_set(vm, vm_arg(&args, 1))?;
    Ok(Value::Bool(crate::types::set_compare(
        vm,
        CmpOp::GtE,
        &s,
        &o,
    )?))
}
fn set_isdisjoint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let o = to_set(vm, vm_arg(&args, 1))?;
    for k in crate::types::set_keys(&o) {
        if vm.dict_find(&s, &k)?.is_some() {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}
fn vm_arg<'a>(args: &'a Args, i: usize) -> &'a Value {
    args.pos.get(i).unwrap_or(&Value::None)
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` on sets.
pub fn set_op(vm: &mut Vm, op: BinOp, a: &Value, b: &Value, frozen: bool) -> PyResult<Value> {
    let ka = crate::types::set_keys(a);
    let kb = crate::types::set_keys(b);
    let out = Value::obj(Obj::Set(RefCell::new(Dict::new())));
    match op {
        BinOp::BitOr => {
            for k in ka.into_iter().chain(kb) {
                vm.set_add(&out, k)?;
            }
        }
        BinOp::BitAnd => {
            for k in ka {
                if vm.dict_find(b, &k)?.is_some() {
                    vm.set_add(&out, k)?;
                }
            }
        }
        BinOp::Sub => {
            for k in ka {
                if vm.dict_find(b, &k)?.is_none() {
                    vm.set_add(&out, k)?;
                }
            }
        }
        BinOp::BitXor => {
            for k in ka {
                if vm.dict_find(b, &k)?.is_none() {
                    vm.set_add(&out, k)?;
                }
            }
            for k in kb {
                if vm.dict_find(a, &k)?.is_none() {
                    vm.set_add(&out, k)?;
                }
            }
        }
        _ => {}
    }
    if frozen {
        let d = match &out {
            Value::Obj(o) => match &**o {
                Obj::Set(d) => d.borrow().clone(),
                _ => Dict::new(),
            },
            _ => Dict::new(),
        };
        return Ok(Value::obj(Obj::FrozenSet(d)));
    }
    Ok(out)
}

// ---------------------------------------------------------------------- int / float

fn int_bit_length(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    Ok(match &s {
        Value::Int(i) => Value::Int(64 - i.unsigned_abs().leading_zeros() as i64),
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Obj(o) => match &**o {
            Obj::BigInt(b) => Value::Int(b.bits() as i64),
            _ => Value::Int(0),
        },
        _ => Value::Int(0),
    })
}

fn to_bigint(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match v {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Bool(b) => Ok(BigInt::from(*b as i64)),
        Value::Obj(o) => match &**o {
            Obj::BigInt(b) => Ok(b.clone()),
            _ => Err(vm.type_error("an integer is required")),
        },
        _ => Err(vm.type_error("an integer is required")),
    }
}

fn int_to_bytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let n = to_bigint(vm, &s)?;
    let length = match args.arg(1, "length") {
        Some(v) => vm.to_i64(v)?,
        None => 1,
    };
    let order = match args.arg(2, "byteorder") {
        Some(v) => vm.str_of(v),
        None => String::from("big"),
    };
    let signed = match args.kwarg("signed") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let length = length as usize;
    vm.check_alloc(length)?;
    if n.is_negative() && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    if n.is_zero() {
        bytes = vec![0];
    }
    if bytes.len() > length {
        // a zero-length result for 0 is fine
        if !(n.is_zero() && length == 0) {
            return Err(vm.overflow_error("int too big to convert"));
        }
        bytes.clear();
    }
    let fill = if n.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if order == "big" {
        bytes.reverse();
    } else if order != "little" {
        return Err(vm.value_error("byteorder must be either 'little' or 'big'"));
    }
    Ok(Value::bytes(bytes))
}

fn int_from_bytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let data = vm.arg(&args, 1, "from_bytes")?.clone();
    let b = vm.bytes_of(&data)?;
    let order = match args.arg(2, "byteorder") {
        Some(v) => vm.str_of(v),
        None => String::from("big"),
    };
    let signed = match args.kwarg("signed") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let n = match (order.as_str(), signed) {
        ("big", false) => BigInt::from_bytes_be(Sign::Plus, &b),
        ("little", false) => BigInt::from_bytes_le(Sign::Plus, &b),
        ("big", true) => BigInt::from_signed_bytes_be(&b),
        ("little", true) => BigInt::from_signed_bytes_le(&b),
        _ => return Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    };
    Ok(Value::bigint(n))
}

fn float_is_integer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let f = vm.to_f64(&s)?;
    Ok(Value::Bool(f.is_finite() && libm::floor(f) == f))
}

fn float_as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let f = vm.to_f64(&s)?;
    if !f.is_finite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let (m, e) = crate::dict::frexp(f);
    let mut m = m;
    let mut e = e;
    let mut i = 0;
    while m != libm::floor(m) && i < 300 {
        m *= 2.0;
        e -= 1;
        i += 1;
    }
    let mut num = BigInt::from(m as i64);
    let mut den = BigInt::from(1);
    if e > 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    // reduce
    let g = num_integer::Integer::gcd(&num, &den);
    if !g.is_zero() {
        num /= &g;
        den /= &g;
    }
    Ok(Value::tuple(vec![Value::bigint(num), Value::bigint(den)]))
}

fn float_hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    let f = vm.to_f64(&s)?;
    Ok(Value::string(format!("{:?}", f)))
}

fn complex_conjugate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv(vm, &args)?;
    if let Value::Obj(o) = &s {
        if let Obj::Complex(r, i) = &**o {
            return Ok(Value::obj(Obj::Complex(*r, -*i)));
        }
    }
    Ok(s)
}

// ---------------------------------------------------------------------- object / type

fn object_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}
fn object_new_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = vm.arg(&args, 0, "object.__new__")?.clone();
    let rest: Vec<Value> = args.pos[1..].to_vec();
    // exceptions keep their args; others ignore extra args when __init__ is overridden
    let is_exc = crate::types::class_of(&cls)
        .map(|c| c.base_kind == BaseKind::Exception)
        .unwrap_or(false);
    if is_exc {
        return crate::types::object_new(vm, &cls, &rest);
    }
    // immutable builtin bases (int, str, tuple, float) take their value from the args
    crate::types::object_new(vm, &cls, &rest)
}
fn object_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.arg(&args, 0, "__repr__")?.clone();
    let o = match &s {
        Value::Obj(o) => o.clone(),
        _ => return vm.repr(&s),
    };
    let t = vm.type_of(&s);
    let module = vm
        .class_lookup(&t, &Value::str("__module__"))
        .map(|m| vm.str_of(&m))
        .unwrap_or_default();
    let q = match crate::types::class_of(&t) {
        Some(c) => vm.str_of(&c.qualname.borrow()),
        None => String::new(),
    };
    let prefix = if module.is_empty() || module == "builtins" {
        String::new()
    } else {
        format!("{}.", module)
    };
    Ok(Value::string(format!(
        "<{}{} object at 0x{:x}>",
        prefix,
        q,
        alloc::rc::Rc::as_ptr(&o) as *const u8 as usize
    )))
}
fn object_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.arg(&args, 0, "__str__")?.clone();
    vm.repr(&s)
}
fn object_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = vm.arg(&args, 0, "__eq__")?.clone();
    let b = vm.arg(&args, 1, "__eq__")?.clone();
    if a.is(&b) {
        return Ok(Value::Bool(true));
    }
    Ok(Value::obj(Obj::NotImplemented))
}
fn object_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = vm.arg(&args, 0, "__ne__")?.clone();
    let b = vm.arg(&args, 1, "__ne__")?.clone();
    let r = vm.compare_op(CmpOp::Eq, &a, &b)?;
    let t = vm.truthy(&r)?;
    Ok(Value::Bool(!t))
}
fn object_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = vm.arg(&args, 0, "__hash__")?.clone();
    match &a {
        Value::Obj(o) => Ok(Value::Int(
            ((alloc::rc::Rc::as_ptr(o) as *const u8 as usize) >> 4) as i64,
        )),
        _ => {
            let h = vm.hash(&a)?;
            Ok(Value::Int(h as i64))
        }
    }
}
fn object_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 3, 3, "__setattr__")?;
    vm.generic_setattr(&args.pos[0], &args.pos[1], args.pos[2].clone())?;
    Ok(Value::None)
}
fn object_getattribute(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "__getattribute__")?;
    vm.get_attr(&args.pos[0], &args.pos[1])
}
fn object_delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "__delattr__")?;
    let (o, n) = (args.pos[0].clone(), args.pos[1].clone());
    if let Value::Obj(ob) = &o {
        if let Obj::Instance(inst) = &**ob {
            let mut d = inst.dict().borrow_mut();
            if let Some(i) = d.find_strval(&n) {
                d.remove_at(i);
                return Ok(Value::None);
            }
        }
    }
    let ns = vm.str_of(&n);
    Err(vm.attr_error_for(&o, &ns))
}
fn object_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = vm.arg(&args, 0, "__format__")?.clone();
    let spec = args.pos.get(1).map(|s| vm.str_of(s)).unwrap_or_default();
    if !spec.is_empty() {
        let t = vm.type_name(&v);
        return Err(vm.type_error(format!(
            "unsupported format string passed to {}.__format__",
            t
        )));
    }
    vm.to_str(&v)
}
fn type_mro(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = vm.arg(&args, 0, "mro")?.clone();
    match crate::types::class_of(&c) {
        Some(c) => Ok(Value::list(c.mro.borrow().clone())),
        None => Err(vm.type_error("mro needs a type")),
    }
}
fn type_subclasses(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::list(Vec::new()))
}

// ---------------------------------------------------------------------- exceptions

fn exc_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.arg(&args, 0, "__init__")?.clone();
    if let Value::Obj(o) = &s {
        if let Obj::Instance(inst) = &**o {
            if let Payload::Exc(d) = &mut *inst.payload.borrow_mut() {
                d.args = Value::tuple(args.pos[1..].to_vec());
            }
        }
    }
    Ok(Value::None)
}
fn exc_with_traceback(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(vm.arg(&args, 0, "with_traceback")?.clone())
}

// ---------------------------------------------------------------------- property

fn prop_parts(vm: &mut Vm, v: &Value) -> PyResult<(Value, Value, Value)> {
    if let Value::Obj(o) = v {
        if let Obj::Property(g, s, d) = &**o {
            return Ok((g.clone(), s.clone(), d.clone()));
        }
    }
    Err(vm.type_error("not a property"))
}
fn prop_getter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, s, d) = prop_parts(vm, vm_arg(&args, 0))?;
    Ok(Value::obj(Obj::Property(vm_arg(&args, 1).clone(), s, d)))
}
fn prop_setter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (g, _, d) = prop_parts(vm, vm_arg(&args, 0))?;
    Ok(Value::obj(Obj::Property(g, vm_arg(&args, 1).clone(), d)))
}
fn prop_deleter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (g, s, _) = prop_parts(vm, vm_arg(&args, 0))?;
    Ok(Value::obj(Obj::Property(g, s, vm_arg(&args, 1).clone())))
}
fn prop_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (g, _, _) = prop_parts(vm, vm_arg(&args, 0))?;
    let inst = vm_arg(&args, 1).clone();
    if inst.is_none() {
        return Ok(args.pos[0].clone());
    }
    vm.call(&g, &[inst])
}

fn slice_indices_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = vm.arg(&args, 0, "indices")?.clone();
    let n = vm.arg(&args, 1, "indices")?.clone();
    let n = vm.to_i64(&n)?;
    match vm.slice_of(&s, n.max(0) as usize)? {
        Some((a, b, c)) => Ok(Value::tuple(vec![
            Value::Int(a),
            Value::Int(b),
            Value::Int(c),
        ])),
        None => Err(vm.type_error("not a slice")),
    }
}

pub fn bigint_to_f64(b: &BigInt) -> f64 {
    b.to_f64().unwrap_or(f64::INFINITY)
}
