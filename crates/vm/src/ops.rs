//! The object protocols: attributes, items, operators, comparison, iteration, repr, hash.

use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::dict::{hash_f64, hash_i64, Dict, Lookup};
use crate::types::{self, TypeId};
use crate::value::*;
use crate::vm::{GenStep, PyErr, PyResult, Vm};

fn binop_names(op: BinOp) -> (&'static str, &'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__", "+"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__", "-"),
        BinOp::Mult => ("__mul__", "__rmul__", "__imul__", "*"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__", "__imatmul__", "@"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__", "/"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__", "%"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__", "**"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__", "<<"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__", ">>"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__", "|"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__", "^"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__", "&"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__", "//"),
    }
}

pub fn is_instance_obj(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(&**o, Obj::Instance(_)))
}

fn is_native(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(&**o, Obj::Native(_)))
}

fn is_not_implemented(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(&**o, Obj::NotImplemented))
}

impl Vm {
    // ------------------------------------------------------------------ types

    pub fn type_of(&mut self, v: &Value) -> Value {
        match v {
            Value::Obj(o) => match &**o {
                Obj::Native(n) => n.class(self),
                _ => types::type_of_shared(&self.shared, v),
            },
            _ => types::type_of_shared(&self.shared, v),
        }
    }

    pub fn type_name(&mut self, v: &Value) -> String {
        let t = self.type_of(v);
        types::class_name(&t)
    }

    pub fn isinstance(&mut self, v: &Value, cls: &Value) -> bool {
        let t = self.type_of(v);
        types::is_subclass(&t, cls)
    }

    /// Rust string of a str value (empty for non-str).
    pub fn str_of(&self, v: &Value) -> String {
        match v.as_str() {
            Some(s) => s.as_str().to_string(),
            None => match v {
                Value::Obj(o) => match &**o {
                    Obj::Instance(i) => match &*i.payload.borrow() {
                        Payload::Base(b) => b
                            .as_str()
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_default(),
                        _ => String::new(),
                    },
                    _ => String::new(),
                },
                _ => String::new(),
            },
        }
    }

    /// The builtin value wrapped by an instance of a builtin subclass, else the value itself.
    pub fn base_value(&self, v: &Value) -> Value {
        if let Value::Obj(o) = v {
            if let Obj::Instance(i) = &**o {
                if let Payload::Base(b) = &*i.payload.borrow() {
                    return b.clone();
                }
            }
        }
        v.clone()
    }

    // ------------------------------------------------------------------ attributes

    /// Look a name up along a class's MRO.
    pub fn class_lookup(&self, cls: &Value, name: &Value) -> Option<Value> {
        if let Value::Obj(o) = cls {
            if let Obj::Class(c) = &**o {
                let ver = self.shared.type_version.get();
                if c.cache_ver.get() == ver {
                    if let Some(v) = c.cache.borrow().get_strval(name) {
                        return match v {
                            Value::Undef => None,
                            v => Some(v.clone()),
                        };
                    }
                } else {
                    c.cache.borrow_mut().clear();
                    c.cache_ver.set(ver);
                }
                let mut found = None;
                for k in c.mro.borrow().iter() {
                    if let Value::Obj(ko) = k {
                        if let Obj::Class(kc) = &**ko {
                            if let Some(v) = kc.dict.borrow().get_strval(name) {
                                found = Some(v.clone());
                                break;
                            }
                        }
                    }
                }
                if name.as_str().is_some() {
                    let mut cache = c.cache.borrow_mut();
                    if cache.len() < 512 {
                        cache.set_strval(name.clone(), found.clone().unwrap_or(Value::Undef));
                    }
                }
                return found;
            }
        }
        None
    }

    /// Invalidate every class's method cache (a class namespace changed).
    pub fn types_changed(&self) {
        self.shared
            .type_version
            .set(self.shared.type_version.get() + 1);
    }

    /// A special method looked up on the type (not the instance), unbound.
    pub fn lookup_special(&mut self, obj: &Value, name: &str) -> Option<Value> {
        let t = self.type_of(obj);
        let n = self.intern(name);
        self.class_lookup(&t, &n)
    }

    /// Bind a class attribute found on `cls` for access through `obj` (None: via the class).
    fn bind(&mut self, attr: Value, obj: Option<&Value>, cls: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = &attr {
            match &**o {
                Obj::Function(_) => {
                    return Ok(match obj {
                        Some(s) => Value::obj(Obj::Method(attr.clone(), s.clone())),
                        None => attr.clone(),
                    })
                }
                Obj::Builtin(b) if b.self_.is_none() => {
                    return Ok(match obj {
                        Some(s) => Value::obj(Obj::Builtin(Builtin {
                            name: b.name,
                            func: b.func,
                            self_: Some(s.clone()),
                            data: b.data.clone(),
                        })),
                        None => attr.clone(),
                    })
                }
                Obj::ClassMethod(f) => return Ok(Value::obj(Obj::Method(f.clone(), cls.clone()))),
                Obj::StaticMethod(f) => return Ok(f.clone()),
                Obj::Property(fget, _, _) => {
                    return match obj {
                        Some(s) => {
                            if fget.is_none() {
                                return Err(self.attr_error("unreadable attribute"));
                            }
                            let fget = fget.clone();
                            self.call(&fget, core::slice::from_ref(s))
                        }
                        None => Ok(attr.clone()),
                    }
                }
                Obj::Instance(_) => {
                    if let Some(get) = self.lookup_special(&attr, "__get__") {
                        let inst = obj.cloned().unwrap_or(Value::None);
                        return self.call(&get, &[attr.clone(), inst, cls.clone()]);
                    }
                }
                _ => {}
            }
        }
        Ok(attr)
    }

    pub fn get_attr(&mut self, obj: &Value, name: &Value) -> PyResult<Value> {
        match self.get_attr_opt(obj, name)? {
            Some(v) => Ok(v),
            None => {
                let n = self.str_of(name);
                Err(self.attr_error_for(obj, &n))
            }
        }
    }

    pub fn attr_error_for(&mut self, obj: &Value, n: &str) -> PyErr {
        if let Value::Obj(o) = obj {
            match &**o {
                Obj::Module(m) => {
                    let mn = self.str_of(&m.name);
                    return self.attr_error(format!("module '{}' has no attribute '{}'", mn, n));
                }
                Obj::Class(c) => {
                    let cn = self.str_of(&c.name);
                    return self
                        .attr_error(format!("type object '{}' has no attribute '{}'", cn, n));
                }
                _ => {}
            }
        }
        let t = self.type_name(obj);
        self.attr_error(format!("'{}' object has no attribute '{}'", t, n))
    }

    /// Attribute lookup; `Ok(None)` when missing (no AttributeError built).
    pub fn get_attr_opt(&mut self, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
        if let Value::Obj(o) = obj {
            match &**o {
                Obj::Instance(inst) => {
                    let cls = inst.class.clone();
                    let cattr = self.class_lookup(&cls, name);
                    // data descriptors first
                    if let Some(a) = &cattr {
                        if let Value::Obj(ao) = a {
                            match &**ao {
                                Obj::Property(..) => {
                                    return self.bind(a.clone(), Some(obj), &cls).map(Some)
                                }
                                Obj::Instance(_) if self.lookup_special(a, "__set__").is_some() => {
                                    return self.bind(a.clone(), Some(obj), &cls).map(Some);
                                }
                                _ => {}
                            }
                        }
                    }
                    if let Some(v) = inst.dict().borrow().get_strval(name) {
                        return Ok(Some(v.clone()));
                    }
                    if let Some(a) = cattr {
                        return self.bind(a, Some(obj), &cls).map(Some);
                    }
                    if let Some(v) = self.special_attr(obj, name)? {
                        return Ok(Some(v));
                    }
                    // __getattr__ fallback
                    let ga = self.intern("__getattr__");
                    if let Some(g) = self.class_lookup(&cls, &ga) {
                        return self.call(&g, &[obj.clone(), name.clone()]).map(Some);
                    }
                    return Ok(None);
                }
                Obj::Class(_) => {
                    if let Some(a) = self.class_lookup(obj, name) {
                        return self.bind(a, None, obj).map(Some);
                    }
                    return self.special_attr(obj, name);
                }
                Obj::Module(m) => {
                    if let Some(v) = self.dict_get_str_opt(&m.dict, name) {
                        return Ok(Some(v));
                    }
                    let n = self.str_of(name);
                    if n == "__dict__" {
                        return Ok(Some(m.dict.clone()));
                    }
                    // PEP 562: a module's own `__getattr__` answers for names it lacks
                    if n != "__getattr__" {
                        let ga = self.intern("__getattr__");
                        if let Some(g) = self.dict_get_str_opt(&m.dict, &ga) {
                            return self.call(&g, core::slice::from_ref(name)).map(Some);
                        }
                    }
                    return Ok(None);
                }
                Obj::Function(f) => {
                    if let Some(d) = &*f.dict.borrow() {
                        if let Some(v) = d.get_strval(name) {
                            return Ok(Some(v.clone()));
                        }
                    }
                }
                Obj::Super(cls, inst) => {
                    return self.super_getattr(cls.clone(), inst.clone(), name);
                }
                _ => {}
            }
        }
        let t = self.type_of(obj);
        if let Some(a) = self.class_lookup(&t, name) {
            return self.bind(a, Some(obj), &t).map(Some);
        }
        self.special_attr(obj, name)
    }

    fn super_getattr(&mut self, cls: Value, inst: Value, name: &Value) -> PyResult<Option<Value>> {
        // search the MRO of type(inst) (or inst itself if it is a class) after `cls`
        let inst_is_class = matches!(&inst, Value::Obj(o) if matches!(&**o, Obj::Class(_)));
        let start_t = if inst_is_class {
            inst.clone()
        } else {
            self.type_of(&inst)
        };
        let mro = match &start_t {
            Value::Obj(o) => match &**o {
                Obj::Class(c) => c.mro.borrow().clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let mut found = false;
        for k in mro.iter() {
            if !found {
                if k.is(&cls) {
                    found = true;
                }
                continue;
            }
            if let Value::Obj(ko) = k {
                if let Obj::Class(kc) = &**ko {
                    let a = kc.dict.borrow().get_strval(name).cloned();
                    if let Some(a) = a {
                        if inst_is_class {
                            return self.bind(a, None, &inst).map(Some);
                        }
                        return self.bind(a, Some(&inst), &start_t).map(Some);
                    }
                }
            }
        }
        Ok(None)
    }

    /// Attributes that live outside any dict: `__class__`, `__name__`, `args`, `real`, ...
    fn special_attr(&mut self, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
        let n = match name.as_str() {
            Some(s) => s.as_str(),
            None => return Ok(None),
        };
        if n == "__class__" {
            return Ok(Some(self.type_of(obj)));
        }
        match obj {
            Value::Obj(o) => match &**o {
                Obj::Instance(inst) => {
                    if n == "__dict__" {
                        return Ok(Some(inst.attrs.clone()));
                    }
                    if let Payload::Exc(d) = &*inst.payload.borrow() {
                        match n {
                            "args" => return Ok(Some(d.args.clone())),
                            "__cause__" => return Ok(Some(d.cause.clone().unwrap_or(Value::None))),
                            "__context__" => {
                                return Ok(Some(d.context.clone().unwrap_or(Value::None)))
                            }
                            "__suppress_context__" => {
                                return Ok(Some(Value::Bool(d.suppress_context)))
                            }
                            "__traceback__" => return Ok(Some(Value::None)),
                            "value" | "code" | "errno" => {
                                let a = d
                                    .args
                                    .as_tuple()
                                    .and_then(|t| t.first().cloned())
                                    .unwrap_or(Value::None);
                                return Ok(Some(a));
                            }
                            "strerror" => {
                                let a = d
                                    .args
                                    .as_tuple()
                                    .and_then(|t| t.get(1).cloned())
                                    .unwrap_or(Value::None);
                                return Ok(Some(a));
                            }
                            _ => {}
                        }
                    }
                    let base = match &*inst.payload.borrow() {
                        Payload::Base(b) => Some(b.clone()),
                        _ => None,
                    };
                    if let Some(b) = base {
                        return self.special_attr(&b, name);
                    }
                }
                Obj::Class(c) => match n {
                    "__name__" => return Ok(Some(c.name.clone())),
                    "__qualname__" => return Ok(Some(c.qualname.borrow().clone())),
                    "__mro__" => return Ok(Some(Value::tuple(c.mro.borrow().clone()))),
                    "__bases__" => return Ok(Some(Value::tuple(c.bases.clone()))),
                    "__base__" => return Ok(Some(c.bases.first().cloned().unwrap_or(Value::None))),
                    "__dict__" => return Ok(Some(Value::dict(c.dict.borrow().clone()))),
                    _ => {}
                },
                Obj::Function(f) => match n {
                    "__name__" => return Ok(Some(f.name.borrow().clone())),
                    "__qualname__" => return Ok(Some(f.qualname.borrow().clone())),
                    "__module__" => return Ok(Some(f.module.clone())),
                    "__defaults__" => {
                        return Ok(Some(if f.defaults.is_empty() {
                            Value::None
                        } else {
                            Value::tuple(f.defaults.to_vec())
                        }))
                    }
                    "__globals__" => return Ok(Some(f.globals.clone())),
                    "__code__" => return Ok(Some(Value::obj(Obj::Code(f.code.clone())))),
                    "__dict__" => {
                        let d = f.dict.borrow().as_deref().cloned().unwrap_or_default();
                        return Ok(Some(Value::dict(d)));
                    }
                    "__doc__" => return Ok(Some(Value::None)),
                    _ => {}
                },
                Obj::Method(f, s) => match n {
                    "__self__" => return Ok(Some(s.clone())),
                    "__func__" => return Ok(Some(f.clone())),
                    _ => return self.get_attr_opt(f, name),
                },
                Obj::Builtin(b) => match n {
                    "__name__" => return Ok(Some(Value::str(b.name))),
                    "__self__" => return Ok(Some(b.self_.clone().unwrap_or(Value::None))),
                    _ => {}
                },
                Obj::Module(m) if n == "__name__" => {
                    return Ok(Some(m.name.clone()));
                }
                Obj::Generator(g) => match n {
                    "__name__" => return Ok(Some(g.borrow().name.clone())),
                    "__qualname__" => return Ok(Some(g.borrow().qualname.clone())),
                    _ => {}
                },
                Obj::Complex(re, im) => match n {
                    "real" => return Ok(Some(Value::Float(*re))),
                    "imag" => return Ok(Some(Value::Float(*im))),
                    _ => {}
                },
                Obj::BigInt(_) => match n {
                    "real" | "numerator" => return Ok(Some(obj.clone())),
                    "imag" => return Ok(Some(Value::Int(0))),
                    "denominator" => return Ok(Some(Value::Int(1))),
                    _ => {}
                },
                Obj::Range(a, b, c) => match n {
                    "start" => return Ok(Some(Value::Int(*a))),
                    "stop" => return Ok(Some(Value::Int(*b))),
                    "step" => return Ok(Some(Value::Int(*c))),
                    _ => {}
                },
                Obj::Slice(a, b, c) => match n {
                    "start" => return Ok(Some(a.clone())),
                    "stop" => return Ok(Some(b.clone())),
                    "step" => return Ok(Some(c.clone())),
                    _ => {}
                },
                Obj::Property(g, s, d) => match n {
                    "fget" => return Ok(Some(g.clone())),
                    "fset" => return Ok(Some(s.clone())),
                    "fdel" => return Ok(Some(d.clone())),
                    _ => {}
                },
                Obj::ClassMethod(f) | Obj::StaticMethod(f) if n == "__func__" => {
                    return Ok(Some(f.clone()));
                }
                Obj::Code(c) => match n {
                    "co_name" => return Ok(Some(c.name.clone())),
                    "co_filename" => return Ok(Some(Value::str(&c.filename))),
                    "co_argcount" => return Ok(Some(Value::Int(c.argcount as i64))),
                    _ => {}
                },
                _ => {}
            },
            Value::Int(_) | Value::Bool(_) => match n {
                "real" | "numerator" => return Ok(Some(Value::Int(self.to_i64(obj).unwrap_or(0)))),
                "imag" => return Ok(Some(Value::Int(0))),
                "denominator" => return Ok(Some(Value::Int(1))),
                _ => {}
            },
            Value::Float(f) => match n {
                "real" => return Ok(Some(Value::Float(*f))),
                "imag" => return Ok(Some(Value::Float(0.0))),
                _ => {}
            },
            _ => {}
        }
        Ok(None)
    }

    pub fn set_attr(&mut self, obj: &Value, name: &Value, v: Value) -> PyResult<()> {
        if let Value::Obj(o) = obj {
            match &**o {
                Obj::Instance(inst) => {
                    let cls = inst.class.clone();
                    // user __setattr__
                    if let Some(sa) = self.class_lookup(&cls, &self.intern("__setattr__")) {
                        if !matches!(&sa, Value::Obj(so) if matches!(&**so, Obj::Builtin(_))) {
                            self.call(&sa, &[obj.clone(), name.clone(), v])?;
                            return Ok(());
                        }
                    }
                    if let Some(a) = self.class_lookup(&cls, name) {
                        if let Value::Obj(ao) = &a {
                            match &**ao {
                                Obj::Property(_, fset, _) => {
                                    if fset.is_none() {
                                        let n = self.str_of(name);
                                        return Err(
                                            self.attr_error(format!("can't set attribute '{}'", n))
                                        );
                                    }
                                    let fset = fset.clone();
                                    self.call(&fset, &[obj.clone(), v])?;
                                    return Ok(());
                                }
                                Obj::Instance(_) => {
                                    if let Some(set) = self.lookup_special(&a, "__set__") {
                                        self.call(&set, &[a.clone(), obj.clone(), v])?;
                                        return Ok(());
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    if crate::types::class_of(&cls)
                        .map(|c| c.builtin == Some(TypeId::Object))
                        .unwrap_or(false)
                    {
                        let n = self.str_of(name);
                        return Err(
                            self.attr_error(format!("'object' object has no attribute '{}'", n))
                        );
                    }
                    inst.dict().borrow_mut().set_strval(name.clone(), v);
                    return Ok(());
                }
                Obj::Class(c) => {
                    c.dict.borrow_mut().set_strval(name.clone(), v);
                    self.types_changed();
                    return Ok(());
                }
                Obj::Module(m) => {
                    crate::vm::dict_set_str(&m.dict, name.clone(), v);
                    return Ok(());
                }
                Obj::Function(f) => {
                    let mut d = f.dict.borrow_mut();
                    if d.is_none() {
                        *d = Some(alloc::boxed::Box::default());
                    }
                    d.as_mut().unwrap().set_strval(name.clone(), v);
                    return Ok(());
                }
                _ => {}
            }
        }
        let n = self.str_of(name);
        let t = self.type_name(obj);
        Err(self.attr_error(format!("'{}' object has no attribute '{}'", t, n)))
    }

    /// `object.__setattr__` semantics (bypassing a user `__setattr__`).
    pub fn generic_setattr(&mut self, obj: &Value, name: &Value, v: Value) -> PyResult<()> {
        if let Value::Obj(o) = obj {
            if let Obj::Instance(inst) = &**o {
                inst.dict().borrow_mut().set_strval(name.clone(), v);
                return Ok(());
            }
        }
        self.set_attr(obj, name, v)
    }

    pub fn del_attr(&mut self, obj: &Value, name: &Value) -> PyResult<()> {
        if let Value::Obj(o) = obj {
            match &**o {
                Obj::Instance(inst) => {
                    let cls = inst.class.clone();
                    if let Some(da) = self.class_lookup(&cls, &self.intern("__delattr__")) {
                        if !matches!(&da, Value::Obj(d) if matches!(&**d, Obj::Builtin(_))) {
                            self.call(&da, &[obj.clone(), name.clone()])?;
                            return Ok(());
                        }
                    }
                    if let Some(Value::Obj(ao)) = self.class_lookup(&cls, name) {
                        if let Obj::Property(_, _, fdel) = &*ao {
                            if fdel.is_none() {
                                return Err(self.attr_error("can't delete attribute"));
                            }
                            let fdel = fdel.clone();
                            self.call(&fdel, core::slice::from_ref(obj))?;
                            return Ok(());
                        }
                    }
                    let removed = {
                        let mut d = inst.dict().borrow_mut();
                        match d.find_strval(name) {
                            Some(i) => {
                                d.remove_at(i);
                                true
                            }
                            None => false,
                        }
                    };
                    if removed {
                        return Ok(());
                    }
                }
                Obj::Class(c) => {
                    let removed = {
                        let mut d = c.dict.borrow_mut();
                        match d.find_strval(name) {
                            Some(i) => {
                                d.remove_at(i);
                                true
                            }
                            None => false,
                        }
                    };
                    if removed {
                        self.types_changed();
                        return Ok(());
                    }
                }
                Obj::Module(m) if crate::vm::dict_del_str(&m.dict, name) => {
                    return Ok(());
                }
                _ => {}
            }
        }
        let n = self.str_of(name);
        Err(self.attr_error_for(obj, &n))
    }

    /// For `LoadMethod`: (unbound function, self) when the attribute is a plain method on
    /// the type, else (attribute, Undef).
    pub fn load_method(&mut self, obj: Value, name: &Value) -> PyResult<(Value, Value)> {
        let is_inst = is_instance_obj(&obj);
        let plain = match &obj {
            Value::Obj(o) => !matches!(
                &**o,
                Obj::Class(_) | Obj::Module(_) | Obj::Super(..) | Obj::Function(_)
            ),
            _ => true,
        };
        if plain {
            let t = self.type_of(&obj);
            if let Some(a) = self.class_lookup(&t, name) {
                let is_fn = match &a {
                    Value::Obj(ao) => match &**ao {
                        Obj::Function(_) => true,
                        Obj::Builtin(b) => b.self_.is_none(),
                        _ => false,
                    },
                    _ => false,
                };
                if is_fn {
                    // an instance attribute of the same name shadows the method
                    let shadowed = if is_inst {
                        match &obj {
                            Value::Obj(o) => match &**o {
                                Obj::Instance(i) => i.dict().borrow().get_strval(name).is_some(),
                                _ => false,
                            },
                            _ => false,
                        }
                    } else {
                        false
                    };
                    if !shadowed {
                        return Ok((a, obj));
                    }
                }
            }
        }
        let v = self.get_attr(&obj, name)?;
        Ok((v, Value::Undef))
    }

    // ------------------------------------------------------------------ items

    pub fn get_item(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = obj {
            match &**o {
                Obj::List(l) => {
                    if let Some(i) = self.index_of(key)? {
                        let l = l.borrow();
                        let n = l.len() as i64;
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            drop(l);
                            return Err(self.index_error("list index out of range"));
                        }
                        return Ok(l[j as usize].clone());
                    }
                    if let Some((start, stop, step)) = self.slice_of(key, l.borrow().len())? {
                        self.check_alloc(slice_count(start, stop, step) * size_of::<Value>())?;
                        let l = l.borrow();
                        return Ok(Value::list(slice_collect(&l, start, stop, step)));
                    }
                    let t = self.type_name(key);
                    return Err(self.type_error(format!(
                        "list indices must be integers or slices, not {}",
                        t
                    )));
                }
                Obj::Tuple(t) => {
                    if let Some(i) = self.index_of(key)? {
                        let n = t.len() as i64;
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            return Err(self.index_error("tuple index out of range"));
                        }
                        return Ok(t[j as usize].clone());
                    }
                    if let Some((start, stop, step)) = self.slice_of(key, t.len())? {
                        self.check_alloc(slice_count(start, stop, step) * size_of::<Value>())?;
                        return Ok(Value::tuple(slice_collect(t, start, stop, step)));
                    }
                    return Err(self.type_error("tuple indices must be integers or slices"));
                }
                Obj::Dict(_) => {
                    return match self.dict_get(obj, key)? {
                        Some(v) => Ok(v),
                        None => Err(self.key_error(key.clone())),
                    };
                }
                Obj::Str(s) => {
                    if let Some(i) = self.index_of(key)? {
                        let n = s.char_len as i64;
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            return Err(self.index_error("string index out of range"));
                        }
                        let j = j as usize;
                        if s.is_ascii() {
                            return Ok(Value::str(&s.s[j..j + 1]));
                        }
                        let c = s.s.chars().nth(j).unwrap_or(' ');
                        let mut b = [0u8; 4];
                        return Ok(Value::str(c.encode_utf8(&mut b)));
                    }
                    if let Some((start, stop, step)) = self.slice_of(key, s.char_len)? {
                        if s.is_ascii() {
                            let bytes = s.s.as_bytes();
                            let v = slice_collect(bytes, start, stop, step);
                            // ascii bytes are valid utf-8
                            return Ok(Value::string(String::from_utf8(v).unwrap_or_default()));
                        }
                        let chars: Vec<char> = s.s.chars().collect();
                        let v = slice_collect(&chars, start, stop, step);
                        return Ok(Value::string(v.into_iter().collect()));
                    }
                    return Err(self.type_error("string indices must be integers"));
                }
                Obj::Bytes(b) => {
                    if let Some(i) = self.index_of(key)? {
                        let n = b.len() as i64;
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            return Err(self.index_error("index out of range"));
                        }
                        return Ok(Value::Int(b[j as usize] as i64));
                    }
                    if let Some((start, stop, step)) = self.slice_of(key, b.len())? {
                        return Ok(Value::bytes(slice_collect(b, start, stop, step)));
                    }
                    return Err(self.type_error("byte indices must be integers"));
                }
                Obj::ByteArray(b) => {
                    if let Some(i) = self.index_of(key)? {
                        let b = b.borrow();
                        let n = b.len() as i64;
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            drop(b);
                            return Err(self.index_error("bytearray index out of range"));
                        }
                        return Ok(Value::Int(b[j as usize] as i64));
                    }
                    let len = b.borrow().len();
                    if let Some((start, stop, step)) = self.slice_of(key, len)? {
                        let v = slice_collect(&b.borrow(), start, stop, step);
                        return Ok(Value::obj(Obj::ByteArray(RefCell::new(v))));
                    }
                    return Err(self.type_error("bytearray indices must be integers"));
                }
                Obj::MemoryView(_) => return crate::types::memoryview_getitem(self, obj, key),
                Obj::Range(start, _, step) => {
                    let n = range_len(o);
                    if let Some(i) = self.index_of(key)? {
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            return Err(self.index_error("range object index out of range"));
                        }
                        return Ok(Value::Int(start + j * step));
                    }
                    if let Some((a, b, c)) = self.slice_of(key, n as usize)? {
                        let ns = start + a * step;
                        let ne = start + b * step;
                        return Ok(Value::obj(Obj::Range(ns, ne, step * c)));
                    }
                    return Err(self.type_error("range indices must be integers"));
                }
                Obj::Class(_) => {
                    if let Some(m) = self.class_lookup(obj, &self.intern("__class_getitem__")) {
                        let m = self.bind(m, None, obj)?;
                        return self.call(&m, core::slice::from_ref(key));
                    }
                }
                Obj::Instance(_) | Obj::Native(_) => {
                    if let Some(m) = self.lookup_special(obj, "__getitem__") {
                        let builtin =
                            matches!(&m, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_)));
                        let base = self.base_value(obj);
                        if builtin && matches!(&base, Value::Obj(b) if matches!(&**b, Obj::Dict(_)))
                        {
                            // dict subclass: a missing key goes to __missing__ (defaultdict)
                            if let Some(v) = self.dict_get(&base, key)? {
                                return Ok(v);
                            }
                            if let Some(miss) = self.lookup_special(obj, "__missing__") {
                                return self.call(&miss, &[obj.clone(), key.clone()]);
                            }
                            return Err(self.key_error(key.clone()));
                        }
                        return self.call(&m, &[obj.clone(), key.clone()]);
                    }
                }
                _ => {}
            }
        }
        let t = self.type_name(obj);
        Err(self.type_error(format!("'{}' object isn't subscriptable", t)))
    }

    pub fn set_item(&mut self, obj: &Value, key: &Value, v: Value) -> PyResult<()> {
        if let Value::Obj(o) = obj {
            match &**o {
                Obj::List(l) => {
                    let done = self.vec_set_item(
                        l,
                        key,
                        v,
                        "list assignment index out of range",
                        |_, v| Ok(v),
                        |vm, v| vm.to_vec(v),
                        |items, slots| {
                            format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                items, slots
                            )
                        },
                    )?;
                    if done {
                        return Ok(());
                    }
                    return Err(self.type_error("list indices must be integers"));
                }
                Obj::Dict(_) => return self.dict_set(obj, key.clone(), v),
                Obj::ByteArray(b) => {
                    let done = self.vec_set_item(
                        b,
                        key,
                        v,
                        "bytearray index out of range",
                        |vm, v| {
                            let x = vm.to_i64(&v)?;
                            if !(0..256).contains(&x) {
                                return Err(vm.value_error("byte must be in range(0, 256)"));
                            }
                            Ok(x as u8)
                        },
                        |vm, v| vm.bytes_of(v),
                        |items, slots| {
                            format!(
                                "attempt to assign bytes of size {} to extended slice of size {}",
                                items, slots
                            )
                        },
                    )?;
                    if done {
                        return Ok(());
                    }
                }
                Obj::MemoryView(_) => return crate::types::memoryview_setitem(self, obj, key, v),
                Obj::Instance(_) | Obj::Native(_) => {
                    if let Some(m) = self.lookup_special(obj, "__setitem__") {
                        self.call(&m, &[obj.clone(), key.clone(), v])?;
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let t = self.type_name(obj);
        Err(self.type_error(format!("'{}' object doesn't support item assignment", t)))
    }

    pub fn del_item(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        if let Value::Obj(o) = obj {
            match &**o {
                Obj::List(l)
                    if self.vec_del_item(l, key, "list assignment index out of range")? =>
                {
                    return Ok(());
                }
                Obj::ByteArray(b)
                    if self.vec_del_item(b, key, "bytearray index out of range")? =>
                {
                    return Ok(());
                }
                Obj::Dict(_) => {
                    return match self.dict_remove(obj, key)? {
                        Some(_) => Ok(()),
                        None => Err(self.key_error(key.clone())),
                    }
                }
                Obj::Instance(_) | Obj::Native(_) => {
                    if let Some(m) = self.lookup_special(obj, "__delitem__") {
                        self.call(&m, &[obj.clone(), key.clone()])?;
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let t = self.type_name(obj);
        Err(self.type_error(format!("'{}' object doesn't support item deletion", t)))
    }

    /// `seq[key] = v` for a sequence stored in a `Vec` (list, bytearray): an index or a
    /// slice (extended slices need as many items as slots). `one` converts an item, `many`
    /// an iterable; both may run Python code, so no borrow is held across them. Ok(false):
    /// `key` is neither an index nor a slice.
    #[allow(clippy::too_many_arguments)]
    fn vec_set_item<T>(
        &mut self,
        cell: &RefCell<Vec<T>>,
        key: &Value,
        v: Value,
        range_msg: &str,
        one: fn(&mut Vm, Value) -> PyResult<T>,
        many: fn(&mut Vm, &Value) -> PyResult<Vec<T>>,
        mismatch: fn(usize, usize) -> String,
    ) -> PyResult<bool> {
        if let Some(i) = self.index_of(key)? {
            let x = one(self, v)?;
            let mut l = cell.borrow_mut();
            match norm_index(i, l.len()) {
                Some(j) => l[j] = x,
                None => {
                    drop(l);
                    return Err(self.index_error(range_msg));
                }
            }
            return Ok(true);
        }
        let len = cell.borrow().len();
        let (start, stop, step) = match self.slice_of(key, len)? {
            Some(s) => s,
            None => return Ok(false),
        };
        let items = many(self, &v)?;
        let mut l = cell.borrow_mut();
        if step == 1 {
            let s = (start.max(0) as usize).min(l.len());
            let e = (stop.max(start).max(0) as usize).min(l.len());
            l.splice(s..e, items);
            return Ok(true);
        }
        let idxs = slice_indices(start, stop, step);
        if idxs.len() != items.len() || idxs.iter().any(|&i| i >= l.len()) {
            drop(l);
            return Err(self.value_error(mismatch(items.len(), idxs.len())));
        }
        for (i, x) in idxs.into_iter().zip(items) {
            l[i] = x;
        }
        Ok(true)
    }

    /// `del seq[key]` for a sequence stored in a `Vec`. Ok(false): `key` is neither an
    /// index nor a slice.
    fn vec_del_item<T>(
        &mut self,
        cell: &RefCell<Vec<T>>,
        key: &Value,
        range_msg: &str,
    ) -> PyResult<bool> {
        if let Some(i) = self.index_of(key)? {
            let mut l = cell.borrow_mut();
            match norm_index(i, l.len()) {
                Some(j) => drop(l.remove(j)),
                None => {
                    drop(l);
                    return Err(self.index_error(range_msg));
                }
            }
            return Ok(true);
        }
        let len = cell.borrow().len();
        if let Some((start, stop, step)) = self.slice_of(key, len)? {
            let mut idxs = slice_indices(start, stop, step);
            idxs.sort_unstable();
            let mut removed: Vec<T> = Vec::new();
            {
                let mut l = cell.borrow_mut();
                for i in idxs.into_iter().rev() {
                    if i < l.len() {
                        removed.push(l.remove(i));
                    }
                }
            }
            // dropped after the borrow ends: a __del__ may look at the sequence
            drop(removed);
            return Ok(true);
        }
        Ok(false)
    }

    /// An integer index (int, bool, or `__index__`), or None when `key` is not one.
    pub fn index_of(&mut self, key: &Value) -> PyResult<Option<i64>> {
        match key {
            Value::Int(i) => Ok(Some(*i)),
            Value::Bool(b) => Ok(Some(*b as i64)),
            Value::Obj(o) => match &**o {
                Obj::BigInt(_) => {
                    Err(self.index_error("cannot fit 'int' into an index-sized integer"))
                }
                Obj::Instance(_) => {
                    let bv = self.base_value(key);
                    if let Value::Int(i) = bv {
                        return Ok(Some(i));
                    }
                    if let Some(m) = self.lookup_special(key, "__index__") {
                        let r = self.call(&m, core::slice::from_ref(key))?;
                        return Ok(Some(self.to_i64(&r)?));
                    }
                    Ok(None)
                }
                _ => Ok(None),
            },
            _ => Ok(None),
        }
    }

    /// Resolve a slice against a length: (start, stop, step) with CPython's clamping, or
    /// None when `key` is not a slice.
    pub fn slice_of(&mut self, key: &Value, len: usize) -> PyResult<Option<(i64, i64, i64)>> {
        let (a, b, c) = match key {
            Value::Obj(o) => match &**o {
                Obj::Slice(a, b, c) => (a.clone(), b.clone(), c.clone()),
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        let step = if c.is_none() { 1 } else { self.slice_int(&c)? };
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let n = len as i64;
        let (lo, hi) = if step < 0 { (-1, n - 1) } else { (0, n) };
        let start = if a.is_none() {
            if step < 0 {
                hi
            } else {
                lo
            }
        } else {
            let s = self.slice_int(&a)?;
            if s < 0 {
                (s + n).max(lo)
            } else {
                s.min(hi)
            }
        };
        let stop = if b.is_none() {
            if step < 0 {
                lo
            } else {
                hi
            }
        } else {
            let s = self.slice_int(&b)?;
            if s < 0 {
                (s + n).max(lo)
            } else {
                s.min(hi)
            }
        };
        Ok(Some((start, stop, step)))
    }

    fn slice_int(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::Obj(o) if matches!(&**o, Obj::BigInt(_)) => {
                if let Obj::BigInt(b) = &**o {
                    Ok(if b.sign() == num_bigint::Sign::Minus {
                        i64::MIN / 2
                    } else {
                        i64::MAX / 2
                    })
                } else {
                    Ok(0)
                }
            }
            _ => match self.index_of(v)? {
                Some(i) => Ok(i),
                None => Err(self.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            },
        }
    }

    // ------------------------------------------------------------------ dict / set helpers

    pub fn hash(&mut self, v: &Value) -> PyResult<u64> {
        Ok(match v {
            Value::None => 0x5bd1e995,
            Value::Bool(b) => *b as u64,
            Value::Int(i) => hash_i64(*i) as u64,
            Value::Float(f) => hash_f64(*f) as u64,
            Value::Undef => 0,
            Value::Obj(o) => match &**o {
                Obj::Str(s) => s.hash(),
                Obj::BigInt(b) => {
                    let m = BigInt::from(crate::dict::HASH_MODULUS);
                    let r = (b.magnitude() % m.magnitude()).to_u64().unwrap_or(0) as i64;
                    let r = if b.sign() == num_bigint::Sign::Minus {
                        -r
                    } else {
                        r
                    };
                    (if r == -1 { -2 } else { r }) as u64
                }
                Obj::Bytes(b) => crate::dict::hash_bytes(b),
                Obj::Tuple(t) => {
                    if self.cmp_depth > 300 {
                        return Err(self
                            .new_exc(TypeId::RecursionError, "maximum recursion depth exceeded"));
                    }
                    let mut h: u64 = 0x345678;
                    for x in t.iter() {
                        self.cmp_depth += 1;
                        let hx = self.hash(x);
                        self.cmp_depth -= 1;
                        let hx = hx?;
                        h = (h ^ hx).wrapping_mul(1000003).rotate_left(7);
                    }
                    h
                }
                Obj::FrozenSet(d) => {
                    let mut h: u64 = 0x1234;
                    for e in d.entries() {
                        h ^= e.hash.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                    }
                    h
                }
                Obj::Complex(re, im) => {
                    if *im == 0.0 {
                        hash_f64(*re) as u64
                    } else {
                        (hash_f64(*re) as u64) ^ (hash_f64(*im) as u64).wrapping_mul(1000003)
                    }
                }
                Obj::List(_) | Obj::Dict(_) | Obj::Set(_) | Obj::ByteArray(_) => {
                    let t = self.type_name(v);
                    return Err(self.type_error(format!("unhashable type: '{}'", t)));
                }
                Obj::Instance(_) | Obj::Native(_) => {
                    let t = self.type_of(v);
                    let hn = self.intern("__hash__");
                    match self.class_lookup(&t, &hn) {
                        Some(Value::None) => {
                            let t = self.type_name(v);
                            return Err(self.type_error(format!("unhashable type: '{}'", t)));
                        }
                        Some(h) if !matches!(&h, Value::Obj(ho) if matches!(&**ho, Obj::Builtin(_))) =>
                        {
                            let r = self.call(&h, core::slice::from_ref(v))?;
                            match r {
                                Value::Int(i) => hash_i64(i) as u64,
                                Value::Bool(b) => b as u64,
                                _ => {
                                    let bv = self.base_value(&r);
                                    match bv {
                                        Value::Int(i) => hash_i64(i) as u64,
                                        _ => {
                                            if let Value::Obj(bo) = &r {
                                                if let Obj::BigInt(_) = &**bo {
                                                    return self.hash(&r);
                                                }
                                            }
                                            return Err(self.type_error(
                                                "__hash__ method should return an integer",
                                            ));
                                        }
                                    }
                                }
                            }
                        }
                        _ => {
                            // classes defining __eq__ without __hash__ are unhashable
                            if let Value::Obj(to) = &t {
                                if let Obj::Class(c) = &**to {
                                    if c.builtin.is_none() {
                                        let eqn = self.intern("__eq__");
                                        let mut own_eq = false;
                                        for k in c.mro.borrow().iter() {
                                            if let Value::Obj(ko) = k {
                                                if let Obj::Class(kc) = &**ko {
                                                    if kc.builtin.is_some() {
                                                        break;
                                                    }
                                                    let d = kc.dict.borrow();
                                                    if d.get_strval(&hn).is_some() {
                                                        break;
                                                    }
                                                    if d.get_strval(&eqn).is_some() {
                                                        own_eq = true;
                                                        break;
                                                    }
                                                }
                                            }
                                        }
                                        if own_eq {
                                            let t = self.type_name(v);
                                            return Err(self
                                                .type_error(format!("unhashable type: '{}'", t)));
                                        }
                                    }
                                }
                            }
                            let b = self.base_value(v);
                            if !b.is(v) {
                                return self.hash(&b);
                            }
                            (Rc::as_ptr(o) as *const u8 as usize as u64) >> 4
                        }
                    }
                }
                _ => (Rc::as_ptr(o) as *const u8 as usize as u64) >> 4,
            },
        })
    }

    fn dict_cell<'a>(&self, d: &'a Value) -> Option<&'a RefCell<Dict>> {
        match d {
            Value::Obj(o) => match &**o {
                Obj::Dict(d) | Obj::Set(d) => Some(d),
                _ => None,
            },
            _ => None,
        }
    }

    /// Find `key` in a dict/set value, running `__eq__` where needed.
    pub fn dict_find(&mut self, d: &Value, key: &Value) -> PyResult<Option<usize>> {
        let h = self.hash(key)?;
        let d = match d {
            Value::Obj(o) => o.clone(),
            _ => return Ok(None),
        };
        let cell: &RefCell<Dict> = match &*d {
            Obj::Dict(c) | Obj::Set(c) => c,
            Obj::FrozenSet(f) => {
                return match f.lookup(h, key) {
                    Lookup::Found(i) => Ok(Some(i)),
                    Lookup::NotFound => Ok(None),
                    Lookup::Slow(c) => {
                        for i in c {
                            let k = f.entry_at(i).key.clone();
                            if self.eq(&k, key)? {
                                return Ok(Some(i));
                            }
                        }
                        Ok(None)
                    }
                };
            }
            _ => return Ok(None),
        };
        let r = cell.borrow().lookup(h, key);
        match r {
            Lookup::Found(i) => Ok(Some(i)),
            Lookup::NotFound => Ok(None),
            Lookup::Slow(cands) => {
                for i in cands {
                    let k = {
                        let b = cell.borrow();
                        if i >= b.slots().len() {
                            continue;
                        }
                        b.entry_at(i).key.clone()
                    };
                    if matches!(k, Value::Undef) {
                        continue;
                    }
                    if self.eq(&k, key)? {
                        return Ok(Some(i));
                    }
                }
                Ok(None)
            }
        }
    }

    pub fn dict_get(&mut self, d: &Value, key: &Value) -> PyResult<Option<Value>> {
        if let (Some(_), Some(cell)) = (key.as_str(), self.dict_cell(d)) {
            if let Some(v) = cell.borrow().get_strval(key) {
                return Ok(Some(v.clone()));
            }
            return Ok(None);
        }
        match self.dict_find(d, key)? {
            Some(i) => {
                let cell = match self.dict_cell(d) {
                    Some(c) => c,
                    None => return Ok(None),
                };
                let b = cell.borrow();
                Ok(Some(b.entry_at(i).value.clone()))
            }
            None => Ok(None),
        }
    }

    pub fn dict_set(&mut self, d: &Value, key: Value, v: Value) -> PyResult<()> {
        let h = self.hash(&key)?;
        match self.dict_find(d, &key)? {
            Some(i) => {
                if let Some(cell) = self.dict_cell(d) {
                    *cell.borrow_mut().value_at_mut(i) = v;
                }
            }
            None => {
                if let Some(cell) = self.dict_cell(d) {
                    let mut b = cell.borrow_mut();
                    if !b.try_reserve_one() {
                        drop(b);
                        return Err(self.memory_error());
                    }
                    b.push_new(h, key, v);
                }
            }
        }
        Ok(())
    }

    pub fn dict_remove(&mut self, d: &Value, key: &Value) -> PyResult<Option<Value>> {
        match self.dict_find(d, key)? {
            Some(i) => {
                let cell = match self.dict_cell(d) {
                    Some(c) => c,
                    None => return Ok(None),
                };
                let (_, v) = cell.borrow_mut().remove_at(i);
                Ok(Some(v))
            }
            None => Ok(None),
        }
    }

    pub fn set_add(&mut self, s: &Value, v: Value) -> PyResult<()> {
        self.dict_set(s, v, Value::None)
    }

    pub fn new_set(&mut self, items: &[Value]) -> PyResult<Value> {
        let Some(d) = Dict::try_with_capacity(items.len()) else {
            return Err(self.memory_error());
        };
        let s = Value::obj(Obj::Set(RefCell::new(d)));
        for v in items {
            self.set_add(&s, v.clone())?;
        }
        Ok(s)
    }

    /// (key, value) pairs of a dict or any mapping with `keys()`.
    pub fn mapping_items(&mut self, m: &Value) -> PyResult<Vec<(Value, Value)>> {
        if let Value::Obj(o) = m {
            if let Obj::Dict(d) = &**o {
                return Ok(d.borrow().items());
            }
        }
        let bv = self.base_value(m);
        if !bv.is(m) {
            if let Value::Obj(o) = &bv {
                if let Obj::Dict(d) = &**o {
                    return Ok(d.borrow().items());
                }
            }
        }
        let keys = self.get_attr(m, &Value::str("keys"))?;
        let keys = self.call(&keys, &[])?;
        let mut out = Vec::new();
        for k in self.to_vec(&keys)? {
            let v = self.get_item(m, &k)?;
            out.push((k, v));
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ iteration

    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = v {
            let it = match &**o {
                Obj::List(_)
                | Obj::Tuple(_)
                | Obj::Bytes(_)
                | Obj::ByteArray(_)
                | Obj::MemoryView(_) => Iter::Seq {
                    seq: v.clone(),
                    idx: 0,
                },
                Obj::Str(_) => Iter::Str {
                    s: v.clone(),
                    byte_pos: 0,
                },
                Obj::Range(a, b, c) => Iter::Range {
                    cur: *a,
                    stop: *b,
                    step: *c,
                },
                Obj::Dict(d) | Obj::Set(d) => {
                    let n = d.borrow().len();
                    Iter::Dict {
                        dict: v.clone(),
                        idx: 0,
                        kind: 0,
                        len_at_start: n,
                    }
                }
                Obj::FrozenSet(d) => Iter::Seq {
                    seq: Value::tuple(d.keys()),
                    idx: 0,
                },
                Obj::DictView(dv) => {
                    let n = self.len(&dv.dict)?;
                    Iter::Dict {
                        dict: dv.dict.clone(),
                        idx: 0,
                        kind: dv.kind,
                        len_at_start: n,
                    }
                }
                Obj::Iter(_) | Obj::Generator(_) => return Ok(v.clone()),
                Obj::Instance(_) | Obj::Native(_) | Obj::Class(_) => {
                    if let Some(m) = self.lookup_special(v, "__iter__") {
                        let r = self.call(&m, core::slice::from_ref(v))?;
                        let ok = match &r {
                            Value::Obj(ro) => {
                                matches!(&**ro, Obj::Iter(_) | Obj::Generator(_))
                                    || self.lookup_special(&r, "__next__").is_some()
                            }
                            _ => false,
                        };
                        if !ok {
                            let t = self.type_name(&r);
                            return Err(self.type_error(format!(
                                "iter() returned non-iterator of type '{}'",
                                t
                            )));
                        }
                        return Ok(r);
                    }
                    if self.lookup_special(v, "__getitem__").is_some() {
                        Iter::GetItem {
                            obj: v.clone(),
                            idx: 0,
                        }
                    } else {
                        let t = self.type_name(v);
                        return Err(self.type_error(format!("'{}' object isn't iterable", t)));
                    }
                }
                _ => {
                    let t = self.type_name(v);
                    return Err(self.type_error(format!("'{}' object isn't iterable", t)));
                }
            };
            return Ok(Value::obj(Obj::Iter(RefCell::new(it))));
        }
        let t = self.type_name(v);
        Err(self.type_error(format!("'{}' object isn't iterable", t)))
    }

    /// Advance an iterator: `Some(value)`, or `None` when exhausted (StopIteration consumed).
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        // natives that consume an iterator (list(), sorted(), dict(), join, ...) make an
        // object an item without a loop tick: on a board, a MemoryError here while the
        // heap is short
        if crate::vm::MEMORY_TICKS {
            self.check_memory_now()?;
        }
        let o = match it {
            Value::Obj(o) => o.clone(),
            _ => {
                let t = self.type_name(it);
                return Err(self.type_error(format!("'{}' object isn't an iterator", t)));
            }
        };
        match &*o {
            Obj::Iter(cell) => crate::types::iter_next(self, cell),
            Obj::Generator(_) => match self.gen_resume(it, Value::None, None)? {
                GenStep::Yield(v) => Ok(Some(v)),
                GenStep::Return(_) => Ok(None),
            },
            _ => {
                let m = match self.lookup_special(it, "__next__") {
                    Some(m) => m,
                    None => {
                        let t = self.type_name(it);
                        return Err(self.type_error(format!("'{}' object isn't an iterator", t)));
                    }
                };
                match self.call(&m, core::slice::from_ref(it)) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) => {
                        if self.exc_matches(&e.0, TypeId::StopIteration) {
                            Ok(None)
                        } else {
                            Err(e)
                        }
                    }
                }
            }
        }
    }

    /// Collect any iterable into a Vec.
    pub fn to_vec(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if let Value::Obj(o) = v {
            match &**o {
                Obj::Tuple(t) => return self.clone_values(t),
                Obj::List(l) => return self.clone_values(&l.borrow()),
                _ => {}
            }
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            self.check_grow(out.len(), out.capacity())?;
            out.push(x);
        }
        Ok(out)
    }

    /// Bytes of a bytes-like object or an iterable of ints.
    pub fn bytes_of(&mut self, v: &Value) -> PyResult<Vec<u8>> {
        if let Value::Obj(o) = v {
            match &**o {
                Obj::Bytes(b) => return Ok(b.to_vec()),
                Obj::ByteArray(b) => return Ok(b.borrow().clone()),
                Obj::MemoryView(_) => return crate::types::memoryview_bytes(self, v),
                Obj::Str(_) => {
                    return Err(self.type_error("can't convert 'str' object to bytes implicitly"))
                }
                Obj::Native(_) => {
                    if let Some(b) = crate::types::native_buffer(self, v) {
                        return Ok(b);
                    }
                }
                _ => {}
            }
        }
        let items = self.to_vec(v)?;
        let mut out = Vec::with_capacity(items.len());
        for x in items {
            let i = self.to_i64(&x)?;
            if !(0..256).contains(&i) {
                return Err(self.value_error("bytes must be in range(0, 256)"));
            }
            out.push(i as u8);
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ conversions

    pub fn to_i64(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::Obj(o) => match &**o {
                Obj::BigInt(_) => {
                    Err(self.overflow_error("overflow converting long int to machine word"))
                }
                _ => match self.index_of(v)? {
                    Some(i) => Ok(i),
                    None => {
                        let t = self.type_name(v);
                        Err(self.type_error(format!("can't convert {} to int", t)))
                    }
                },
            },
            _ => {
                let t = self.type_name(v);
                Err(self.type_error(format!("can't convert {} to int", t)))
            }
        }
    }

    pub fn to_f64(&mut self, v: &Value) -> PyResult<f64> {
        match v {
            Value::Int(i) => Ok(*i as f64),
            Value::Bool(b) => Ok(*b as i64 as f64),
            Value::Float(f) => Ok(*f),
            Value::Obj(o) => match &**o {
                Obj::BigInt(b) => match b.to_f64() {
                    Some(f) if f.is_finite() => Ok(f),
                    _ => Err(self.overflow_error("int too large to convert to float")),
                },
                Obj::Instance(_) => {
                    let b = self.base_value(v);
                    if !b.is(v) {
                        return self.to_f64(&b);
                    }
                    if let Some(m) = self.lookup_special(v, "__float__") {
                        let r = self.call(&m, core::slice::from_ref(v))?;
                        return self.to_f64(&r);
                    }
                    let t = self.type_name(v);
                    Err(self.type_error(format!("can't convert {} to float", t)))
                }
                _ => {
                    let t = self.type_name(v);
                    Err(self.type_error(format!("can't convert {} to float", t)))
                }
            },
            _ => {
                let t = self.type_name(v);
                Err(self.type_error(format!("can't convert {} to float", t)))
            }
        }
    }

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None | Value::Undef => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Obj(o) => match &**o {
                Obj::Str(s) => !s.s.is_empty(),
                Obj::BigInt(b) => !b.is_zero(),
                Obj::Tuple(t) => !t.is_empty(),
                Obj::List(l) => !l.borrow().is_empty(),
                Obj::Dict(d) | Obj::Set(d) => !d.borrow().is_empty(),
                Obj::FrozenSet(d) => !d.is_empty(),
                Obj::Bytes(b) => !b.is_empty(),
                Obj::ByteArray(b) => !b.borrow().is_empty(),
                Obj::Complex(a, b) => *a != 0.0 || *b != 0.0,
                Obj::Range(..) => range_len(o) != 0,
                Obj::Instance(_) | Obj::Native(_) => {
                    if let Some(m) = self.lookup_special(v, "__bool__") {
                        let r = self.call(&m, core::slice::from_ref(v))?;
                        return match r {
                            Value::Bool(b) => Ok(b),
                            _ => Err(self.type_error("__bool__ should return bool")),
                        };
                    }
                    if let Some(m) = self.lookup_special(v, "__len__") {
                        let r = self.call(&m, core::slice::from_ref(v))?;
                        return Ok(self.to_i64(&r)? != 0);
                    }
                    let b = self.base_value(v);
                    if !b.is(v) {
                        return self.truthy(&b);
                    }
                    true
                }
                _ => true,
            },
        })
    }

    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        if let Value::Obj(o) = v {
            match &**o {
                Obj::Str(s) => return Ok(s.char_len),
                Obj::Tuple(t) => return Ok(t.len()),
                Obj::List(l) => return Ok(l.borrow().len()),
                Obj::Dict(d) | Obj::Set(d) => return Ok(d.borrow().len()),
                Obj::FrozenSet(d) => return Ok(d.len()),
                Obj::Bytes(b) => return Ok(b.len()),
                Obj::ByteArray(b) => return Ok(b.borrow().len()),
                Obj::MemoryView(m) => return Ok(m.len),
                Obj::DictView(dv) => {
                    let d = dv.dict.clone();
                    return self.len(&d);
                }
                Obj::Range(..) => return Ok(range_len(o) as usize),
                Obj::Instance(_) | Obj::Native(_) => {
                    if let Some(m) = self.lookup_special(v, "__len__") {
                        let r = self.call(&m, core::slice::from_ref(v))?;
                        let n = self.to_i64(&r)?;
                        if n < 0 {
                            return Err(self.value_error("__len__() should return >= 0"));
                        }
                        return Ok(n as usize);
                    }
                    let b = self.base_value(v);
                    if !b.is(v) {
                        return self.len(&b);
                    }
                }
                Obj::Iter(it) => {
                    // dict views are iterators over a dict in this VM
                    if let Iter::Dict { dict, .. } = &*it.borrow() {
                        let d = dict.clone();
                        return self.len(&d);
                    }
                }
                _ => {}
            }
        }
        let t = self.type_name(v);
        Err(self.type_error(format!("object of type '{}' has no len()", t)))
    }

    // ------------------------------------------------------------------ repr / str

    pub fn repr(&mut self, v: &Value) -> PyResult<Value> {
        let s = self.repr_string(v)?;
        Ok(Value::string(s))
    }

    pub fn repr_string(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::None => Ok("None".into()),
            Value::Undef => Ok("<undefined>".into()),
            Value::Bool(b) => Ok(if *b { "True".into() } else { "False".into() }),
            Value::Int(i) => Ok(format!("{}", i)),
            Value::Float(f) => Ok(crate::format::float_repr(*f)),
            Value::Obj(o) => {
                match &**o {
                    Obj::Str(s) => return Ok(crate::format::str_repr(s.as_str())),
                    Obj::BigInt(b) => return Ok(b.to_string()),
                    Obj::Complex(re, im) => return Ok(crate::format::complex_repr(*re, *im)),
                    Obj::Bytes(b) => return Ok(crate::format::bytes_repr(b)),
                    Obj::ByteArray(b) => {
                        return Ok(format!(
                            "bytearray({})",
                            crate::format::bytes_repr(&b.borrow())
                        ))
                    }
                    Obj::Ellipsis => return Ok("Ellipsis".into()),
                    Obj::NotImplemented => return Ok("NotImplemented".into()),
                    Obj::Range(a, b, c) => {
                        return Ok(if *c == 1 {
                            format!("range({}, {})", a, b)
                        } else {
                            format!("range({}, {}, {})", a, b, c)
                        })
                    }
                    _ => {}
                }
                // containers may recurse: guard against cycles and depth
                // a container that contains itself prints as [...] / {...}
                if matches!(&**o, Obj::List(_) | Obj::Dict(_))
                    && self.repr_stack.iter().any(|x| x.is(v))
                {
                    return Ok(match &**o {
                        Obj::List(_) => "[...]".into(),
                        _ => "{...}".into(),
                    });
                }
                if self.repr_stack.len() > 150 {
                    return Err(self.recursion_error());
                }
                self.repr_stack.push(v.clone());
                let r = self.repr_container(v, o);
                self.repr_stack.pop();
                r
            }
        }
    }

    fn repr_container(&mut self, v: &Value, o: &Rc<Obj>) -> PyResult<String> {
        match &**o {
            Obj::Tuple(t) => {
                let mut s = String::from("(");
                for (i, x) in t.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&self.repr_string(x)?);
                }
                if t.len() == 1 {
                    s.push(',');
                }
                s.push(')');
                Ok(s)
            }
            Obj::List(l) => {
                let items = self.clone_values(&l.borrow())?;
                let mut s = String::from("[");
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&self.repr_string(x)?);
                }
                s.push(']');
                Ok(s)
            }
            Obj::Dict(d) => {
                let items = d.borrow().items();
                let mut s = String::from("{");
                for (i, (k, x)) in items.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&self.repr_string(k)?);
                    s.push_str(": ");
                    s.push_str(&self.repr_string(x)?);
                }
                s.push('}');
                Ok(s)
            }
            Obj::Set(d) => {
                let keys = d.borrow().keys();
                if keys.is_empty() {
                    return Ok("set()".into());
                }
                let mut s = String::from("{");
                for (i, k) in keys.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&self.repr_string(k)?);
                }
                s.push('}');
                Ok(s)
            }
            Obj::FrozenSet(d) => {
                let keys = d.keys();
                if keys.is_empty() {
                    return Ok("frozenset()".into());
                }
                let mut s = String::from("frozenset({");
                for (i, k) in keys.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&self.repr_string(k)?);
                }
                s.push_str("})");
                Ok(s)
            }
            Obj::Slice(a, b, c) => {
                let a = self.repr_string(a)?;
                let b = self.repr_string(b)?;
                let c = self.repr_string(c)?;
                Ok(format!("slice({}, {}, {})", a, b, c))
            }
            Obj::Function(f) => {
                let q = f.qualname.borrow().clone();
                Ok(format!(
                    "<function {} at 0x{:x}>",
                    self.str_of(&q),
                    Rc::as_ptr(o) as *const u8 as usize
                ))
            }
            Obj::Method(f, s) => {
                let fname = self
                    .get_attr_opt(f, &self.intern("__qualname__"))?
                    .unwrap_or(Value::None);
                let sr = self.repr_string(s)?;
                Ok(format!("<bound method {} of {}>", self.str_of(&fname), sr))
            }
            Obj::Builtin(b) => Ok(format!("<built-in function {}>", b.name)),
            Obj::Class(c) => {
                if c.builtin.is_some()
                    || c.base_kind == BaseKind::Exception
                        && self.str_of(&c.qualname.borrow()).is_empty()
                {
                    return Ok(format!("<class '{}'>", self.str_of(&c.name)));
                }
                let module = c.dict.borrow().get_str("__module__").cloned();
                let q = c.qualname.borrow().clone();
                match module {
                    Some(m) if m.as_str().is_some() && self.str_of(&m) != "builtins" => {
                        Ok(format!("<class '{}.{}'>", self.str_of(&m), self.str_of(&q)))
                    }
                    _ => Ok(format!("<class '{}'>", self.str_of(&q))),
                }
            }
            Obj::Module(m) => Ok(format!("<module '{}'>", self.str_of(&m.name))),
            Obj::Generator(g) => {
                let q = g.borrow().qualname.clone();
                let kind = if g.borrow().is_coroutine {
                    "coroutine"
                } else {
                    "generator"
                };
                Ok(format!(
                    "<{} object '{}' at 0x{:x}>",
                    kind,
                    self.str_of(&q),
                    Rc::as_ptr(o) as *const u8 as usize
                ))
            }
            Obj::Cell(_) => Ok("<cell>".into()),
            Obj::Instance(inst) => {
                if let Some(m) = self.lookup_special(v, "__repr__") {
                    if !matches!(&m, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_))) {
                        let r = self.call(&m, core::slice::from_ref(v))?;
                        return match r.as_str() {
                            Some(s) => Ok(s.as_str().into()),
                            None => Err(self.type_error("__repr__ returned non-string")),
                        };
                    }
                }
                if let Payload::Exc(d) = &*inst.payload.borrow() {
                    let args = d.args.clone();
                    let cls = inst.class.clone();
                    let name = types::class_name(&cls);
                    let a = match args.as_tuple() {
                        Some(t) if t.len() == 1 => {
                            let x = t[0].clone();
                            format!("({})", self.repr_string(&x)?)
                        }
                        _ => self.repr_string(&args)?,
                    };
                    return Ok(format!("{}{}", name, a));
                }
                let base = match &*inst.payload.borrow() {
                    Payload::Base(b) => Some(b.clone()),
                    _ => None,
                };
                if let Some(b) = base {
                    return self.repr_string(&b);
                }
                let cls = inst.class.clone();
                let module = self.class_lookup(&cls, &self.intern("__module__"));
                let q = match &cls {
                    Value::Obj(co) => match &**co {
                        Obj::Class(c) => self.str_of(&c.qualname.borrow()),
                        _ => String::new(),
                    },
                    _ => String::new(),
                };
                let m = module.map(|m| self.str_of(&m)).unwrap_or_default();
                Ok(format!(
                    "<{}.{} object at 0x{:x}>",
                    m,
                    q,
                    Rc::as_ptr(o) as *const u8 as usize
                ))
            }
            Obj::Native(_) => {
                if let Some(m) = self.lookup_special(v, "__repr__") {
                    let r = self.call(&m, core::slice::from_ref(v))?;
                    return Ok(self.str_of(&r));
                }
                let t = self.type_name(v);
                Ok(format!(
                    "<{} object at 0x{:x}>",
                    t,
                    Rc::as_ptr(o) as *const u8 as usize
                ))
            }
            Obj::Property(..) => Ok(format!(
                "<property at 0x{:x}>",
                Rc::as_ptr(o) as *const u8 as usize
            )),
            Obj::Iter(it) => {
                let name = match &*it.borrow() {
                    Iter::Dict { kind: 0, .. } => "dict_keys",
                    Iter::Dict { kind: 1, .. } => "dict_values",
                    Iter::Dict { .. } => "dict_items",
                    Iter::Range { .. } => "range_iterator",
                    Iter::Zip { .. } => "zip",
                    Iter::Map { .. } => "map",
                    Iter::Filter { .. } => "filter",
                    Iter::Enumerate { .. } => "enumerate",
                    _ => "iterator",
                };
                Ok(format!(
                    "<{} object at 0x{:x}>",
                    name,
                    Rc::as_ptr(o) as *const u8 as usize
                ))
            }
            _ => {
                let t = self.type_name(v);
                Ok(format!(
                    "<{} object at 0x{:x}>",
                    t,
                    Rc::as_ptr(o) as *const u8 as usize
                ))
            }
        }
    }

    /// `str(v)`
    pub fn to_str(&mut self, v: &Value) -> PyResult<Value> {
        if v.as_str().is_some() {
            return Ok(v.clone());
        }
        let s = self.str_string(v)?;
        Ok(Value::string(s))
    }

    pub fn str_string(&mut self, v: &Value) -> PyResult<String> {
        if let Value::Obj(o) = v {
            match &**o {
                Obj::Str(s) => return Ok(s.as_str().into()),
                Obj::Instance(inst) => {
                    if let Some(m) = self.lookup_special(v, "__str__") {
                        if !matches!(&m, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_))) {
                            let r = self.call(&m, core::slice::from_ref(v))?;
                            return match r.as_str() {
                                Some(s) => Ok(s.as_str().into()),
                                None => Err(self.type_error("__str__ returned non-string")),
                            };
                        }
                    }
                    if let Payload::Exc(d) = &*inst.payload.borrow() {
                        let args = d.args.clone();
                        // KeyError shows repr of its single arg
                        let is_key = {
                            let ke = self.shared.types.get(TypeId::KeyError);
                            types::is_subclass(&inst.class, &ke)
                        };
                        // OSError(errno, strerror[, filename]) reads "[Errno N] strerror"
                        let is_os = {
                            let oe = self.shared.types.get(TypeId::OSError);
                            types::is_subclass(&inst.class, &oe)
                        };
                        if is_os {
                            if let Some(t) = args.as_tuple() {
                                if t.len() >= 2 {
                                    let (e, m) = (t[0].clone(), t[1].clone());
                                    let es = self.str_string(&e)?;
                                    let ms = self.str_string(&m)?;
                                    if let Some(f) = t.get(2) {
                                        let f = f.clone();
                                        let fs = self.repr_string(&f)?;
                                        return Ok(format!("[Errno {}] {}: {}", es, ms, fs));
                                    }
                                    return Ok(format!("[Errno {}] {}", es, ms));
                                }
                            }
                        }
                        return match args.as_tuple() {
                            Some([]) => Ok(String::new()),
                            Some([x]) => {
                                let x = x.clone();
                                if is_key {
                                    self.repr_string(&x)
                                } else {
                                    self.str_string(&x)
                                }
                            }
                            _ => self.repr_string(&args),
                        };
                    }
                    let base = match &*inst.payload.borrow() {
                        Payload::Base(b) => Some(b.clone()),
                        _ => None,
                    };
                    if let Some(b) = base {
                        if self.lookup_special(v, "__repr__").map(|m| matches!(&m, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_)))).unwrap_or(true) {
                            return self.str_string(&b);
                        }
                    }
                }
                Obj::Native(_) => {
                    if let Some(m) = self.lookup_special(v, "__str__") {
                        let r = self.call(&m, core::slice::from_ref(v))?;
                        return Ok(self.str_of(&r));
                    }
                }
                _ => {}
            }
        }
        self.repr_string(v)
    }

    // ------------------------------------------------------------------ operators

    pub fn unary_op(&mut self, op: UnaryOp, a: &Value) -> PyResult<Value> {
        match op {
            UnaryOp::Not => return Ok(Value::Bool(!self.truthy(a)?)),
            UnaryOp::USub => match a {
                Value::Int(i) => {
                    return Ok(match i.checked_neg() {
                        Some(n) => Value::Int(n),
                        None => Value::bigint(-BigInt::from(*i)),
                    })
                }
                Value::Bool(b) => return Ok(Value::Int(-(*b as i64))),
                Value::Float(f) => return Ok(Value::Float(-f)),
                Value::Obj(o) => match &**o {
                    Obj::BigInt(b) => return Ok(Value::bigint(-b.clone())),
                    Obj::Complex(r, i) => return Ok(Value::obj(Obj::Complex(-r, -i))),
                    _ => {}
                },
                _ => {}
            },
            UnaryOp::UAdd => match a {
                Value::Int(_) | Value::Float(_) => return Ok(a.clone()),
                Value::Bool(b) => return Ok(Value::Int(*b as i64)),
                Value::Obj(o) if matches!(&**o, Obj::BigInt(_) | Obj::Complex(..)) => {
                    return Ok(a.clone())
                }
                _ => {}
            },
            UnaryOp::Invert => match a {
                Value::Int(i) => return Ok(Value::Int(!i)),
                Value::Bool(b) => return Ok(Value::Int(!(*b as i64))),
                Value::Obj(o) => {
                    if let Obj::BigInt(b) = &**o {
                        return Ok(Value::bigint(-b.clone() - 1));
                    }
                }
                _ => {}
            },
        }
        let name = match op {
            UnaryOp::USub => "__neg__",
            UnaryOp::UAdd => "__pos__",
            UnaryOp::Invert => "__invert__",
            UnaryOp::Not => "__bool__",
        };
        if let Some(m) = self.lookup_special(a, name) {
            return self.call(&m, core::slice::from_ref(a));
        }
        let b = self.base_value(a);
        if !b.is(a) {
            return self.unary_op(op, &b);
        }
        let t = self.type_name(a);
        let sym = match op {
            UnaryOp::USub => "-",
            UnaryOp::UAdd => "+",
            _ => "~",
        };
        Err(self.type_error(format!("bad operand type for unary {}: '{}'", sym, t)))
    }

    pub fn binary_op(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let Some(r) = crate::numeric::binary_numeric(self, op, a, b)? {
            return Ok(r);
        }
        if let Some(r) = crate::types::binary_builtin(self, op, a, b)? {
            return Ok(r);
        }
        let (fwd, rev, _, sym) = binop_names(op);
        let a_inst = matches!(a, Value::Obj(o) if matches!(&**o, Obj::Instance(_) | Obj::Native(_) | Obj::Class(_)));
        let b_inst = matches!(b, Value::Obj(o) if matches!(&**o, Obj::Instance(_) | Obj::Native(_) | Obj::Class(_)));
        if a_inst || b_inst {
            let ta = self.type_of(a);
            let tb = self.type_of(b);
            // reflected first when b's type is a proper subclass of a's overriding it
            let b_first = !ta.is(&tb)
                && types::is_subclass(&tb, &ta)
                && self.lookup_special(b, rev).is_some();
            if b_first {
                if let Some(m) = self.lookup_special(b, rev) {
                    let r = self.call(&m, &[b.clone(), a.clone()])?;
                    if !is_not_implemented(&r) {
                        return Ok(r);
                    }
                }
            }
            if a_inst {
                if let Some(m) = self.lookup_special(a, fwd) {
                    if !matches!(&m, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_)))
                        || is_native(a)
                    {
                        let r = self.call(&m, &[a.clone(), b.clone()])?;
                        if !is_not_implemented(&r) {
                            return Ok(r);
                        }
                    }
                }
            }
            if b_inst && !b_first && !ta.is(&tb) {
                if let Some(m) = self.lookup_special(b, rev) {
                    if !matches!(&m, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_)))
                        || is_native(b)
                    {
                        let r = self.call(&m, &[b.clone(), a.clone()])?;
                        if !is_not_implemented(&r) {
                            return Ok(r);
                        }
                    }
                }
            }
            // builtin base values (class MyInt(int))
            let ba = self.base_value(a);
            let bb = self.base_value(b);
            if !ba.is(a) || !bb.is(b) {
                return self.binary_op(op, &ba, &bb);
            }
        }
        let ta = self.type_name(a);
        let tb = self.type_name(b);
        Err(self.type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            sym, ta, tb
        )))
    }

    pub fn inplace_op(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = a {
            match &**o {
                Obj::List(l) if op == BinOp::Add => {
                    let items = self.to_vec(b)?;
                    l.borrow_mut().extend(items);
                    return Ok(a.clone());
                }
                Obj::List(l) if op == BinOp::Mult => {
                    let n = self.to_i64(b)?;
                    let items = self.clone_values(&l.borrow())?;
                    let total = items.len().saturating_mul(n.max(0) as usize);
                    self.check_alloc(total.saturating_mul(16))?;
                    let mut out = Vec::with_capacity(total);
                    for _ in 0..n.max(0) {
                        out.extend(items.iter().cloned());
                    }
                    *l.borrow_mut() = out;
                    return Ok(a.clone());
                }
                Obj::ByteArray(ba) if op == BinOp::Add => {
                    let items = self.bytes_of(b)?;
                    ba.borrow_mut().extend(items);
                    return Ok(a.clone());
                }
                Obj::Set(_)
                    if matches!(
                        op,
                        BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor
                    ) =>
                {
                    let r = self.binary_op(op, a, b)?;
                    if let (Obj::Set(dst), Value::Obj(ro)) = (&**o, &r) {
                        if let Obj::Set(src) = &**ro {
                            let d = src.borrow().clone();
                            *dst.borrow_mut() = d;
                        }
                    }
                    return Ok(a.clone());
                }
                Obj::Instance(_) | Obj::Native(_) => {
                    let (_, _, iname, _) = binop_names(op);
                    if let Some(m) = self.lookup_special(a, iname) {
                        let r = self.call(&m, &[a.clone(), b.clone()])?;
                        if !is_not_implemented(&r) {
                            return Ok(r);
                        }
                    }
                }
                _ => {}
            }
        }
        self.binary_op(op, a, b)
    }

    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(r) = crate::dict::fast_eq(a, b) {
            return Ok(r);
        }
        let r = self.compare_op(CmpOp::Eq, a, b)?;
        self.truthy(&r)
    }

    pub fn compare_op(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        match op {
            CmpOp::Is => return Ok(Value::Bool(a.is(b))),
            CmpOp::IsNot => return Ok(Value::Bool(!a.is(b))),
            CmpOp::In => return Ok(Value::Bool(self.contains(b, a)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(b, a)?)),
            _ => {}
        }
        if let Some(r) = self.compare_builtin(op, a, b)? {
            return Ok(Value::Bool(r));
        }
        let (fwd, rev) = match op {
            CmpOp::Eq => ("__eq__", "__eq__"),
            CmpOp::NotEq => ("__ne__", "__ne__"),
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::LtE => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            CmpOp::GtE => ("__ge__", "__le__"),
            _ => ("", ""),
        };
        let a_inst =
            matches!(a, Value::Obj(o) if matches!(&**o, Obj::Instance(_) | Obj::Native(_)));
        let b_inst =
            matches!(b, Value::Obj(o) if matches!(&**o, Obj::Instance(_) | Obj::Native(_)));
        // builtin dunders count only for natives (their methods are builtins); for builtin
        // types the builtin comparison below is the authority
        let user = |v: &Value, o: &Value| {
            !matches!(v, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_))) || is_native(o)
        };
        if b_inst {
            let ta = self.type_of(a);
            let tb = self.type_of(b);
            if !ta.is(&tb) && types::is_subclass(&tb, &ta) {
                if let Some(m) = self.lookup_special(b, rev) {
                    if user(&m, b) {
                        let r = self.call(&m, &[b.clone(), a.clone()])?;
                        if !is_not_implemented(&r) {
                            return Ok(r);
                        }
                    }
                }
            }
        }
        if a_inst {
            if let Some(m) = self.lookup_special(a, fwd) {
                if user(&m, a) {
                    let r = self.call(&m, &[a.clone(), b.clone()])?;
                    if !is_not_implemented(&r) {
                        return Ok(r);
                    }
                }
            }
            if op == CmpOp::NotEq {
                if let Some(m) = self.lookup_special(a, "__eq__") {
                    if user(&m, a) {
                        let r = self.call(&m, &[a.clone(), b.clone()])?;
                        if !is_not_implemented(&r) {
                            let t = self.truthy(&r)?;
                            return Ok(Value::Bool(!t));
                        }
                    }
                }
            }
        }
        if b_inst {
            if let Some(m) = self.lookup_special(b, rev) {
                if user(&m, b) {
                    let r = self.call(&m, &[b.clone(), a.clone()])?;
                    if !is_not_implemented(&r) {
                        return Ok(r);
                    }
                }
            }
        }
        if a_inst || b_inst {
            let ba = self.base_value(a);
            let bb = self.base_value(b);
            if !ba.is(a) || !bb.is(b) {
                return self.compare_op(op, &ba, &bb);
            }
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(a.is(b))),
            CmpOp::NotEq => Ok(Value::Bool(!a.is(b))),
            _ => {
                let ta = self.type_name(a);
                let tb = self.type_name(b);
                let sym = match op {
                    CmpOp::Lt => "<",
                    CmpOp::LtE => "<=",
                    CmpOp::Gt => ">",
                    _ => ">=",
                };
                Err(self.type_error(format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    sym, ta, tb
                )))
            }
        }
    }

    /// Comparison of builtin values; None when a user method must decide.
    fn compare_builtin(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<bool>> {
        use core::cmp::Ordering;
        let ord = match crate::numeric::compare_numeric(a, b) {
            Some(Some(o)) => Some(o),
            Some(None) => {
                // NaN involved: every ordering is false, != is true
                return Ok(Some(op == CmpOp::NotEq));
            }
            None => None,
        };
        let ord = match ord {
            Some(o) => Some(o),
            None => match (a, b) {
                (Value::Obj(x), Value::Obj(y)) => match (&**x, &**y) {
                    (Obj::Str(s), Obj::Str(t)) => Some(s.s.cmp(&t.s)),
                    (Obj::Bytes(s), Obj::Bytes(t)) => Some(s.cmp(t)),
                    (Obj::ByteArray(s), Obj::ByteArray(t)) => {
                        Some(s.borrow().as_slice().cmp(t.borrow().as_slice()))
                    }
                    (Obj::Bytes(s), Obj::ByteArray(t)) => Some((**s).cmp(t.borrow().as_slice())),
                    (Obj::ByteArray(s), Obj::Bytes(t)) => Some(s.borrow().as_slice().cmp(&**t)),
                    (Obj::Tuple(s), Obj::Tuple(t)) => {
                        let (s, t) = (s.to_vec(), t.to_vec());
                        return self.compare_seq(op, &s, &t).map(Some);
                    }
                    (Obj::List(s), Obj::List(t)) => {
                        let (s, t) = (s.borrow().clone(), t.borrow().clone());
                        return self.compare_seq(op, &s, &t).map(Some);
                    }
                    (Obj::Dict(_), Obj::Dict(_)) if matches!(op, CmpOp::Eq | CmpOp::NotEq) => {
                        let r = self.dict_eq(a, b)?;
                        return Ok(Some(if op == CmpOp::Eq { r } else { !r }));
                    }
                    (Obj::Set(_) | Obj::FrozenSet(_), Obj::Set(_) | Obj::FrozenSet(_)) => {
                        return crate::types::set_compare(self, op, a, b).map(Some);
                    }
                    (Obj::Slice(a1, b1, c1), Obj::Slice(a2, b2, c2)) => {
                        let (s, t) = (
                            vec![a1.clone(), b1.clone(), c1.clone()],
                            vec![a2.clone(), b2.clone(), c2.clone()],
                        );
                        return self.compare_seq(op, &s, &t).map(Some);
                    }
                    (Obj::Range(..), Obj::Range(..)) if matches!(op, CmpOp::Eq | CmpOp::NotEq) => {
                        let ra = crate::types::range_items(x);
                        let rb = crate::types::range_items(y);
                        let eq = ra == rb;
                        return Ok(Some(if op == CmpOp::Eq { eq } else { !eq }));
                    }
                    (Obj::Instance(_) | Obj::Native(_), _)
                    | (_, Obj::Instance(_) | Obj::Native(_)) => return Ok(None),
                    _ => None,
                },
                (Value::Obj(x), _) | (_, Value::Obj(x))
                    if matches!(&**x, Obj::Instance(_) | Obj::Native(_)) =>
                {
                    return Ok(None)
                }
                _ => None,
            },
        };
        match ord {
            Some(o) => Ok(Some(match op {
                CmpOp::Eq => o == Ordering::Equal,
                CmpOp::NotEq => o != Ordering::Equal,
                CmpOp::Lt => o == Ordering::Less,
                CmpOp::LtE => o != Ordering::Greater,
                CmpOp::Gt => o == Ordering::Greater,
                CmpOp::GtE => o != Ordering::Less,
                _ => false,
            })),
            None => match op {
                CmpOp::Eq => Ok(Some(crate::dict::fast_eq(a, b).unwrap_or(false))),
                CmpOp::NotEq => Ok(Some(!crate::dict::fast_eq(a, b).unwrap_or(false))),
                _ => Ok(None),
            },
        }
    }

    fn compare_seq(&mut self, op: CmpOp, s: &[Value], t: &[Value]) -> PyResult<bool> {
        if self.cmp_depth > 300 {
            return Err(self.new_exc(
                TypeId::RecursionError,
                "maximum recursion depth exceeded in comparison",
            ));
        }
        self.cmp_depth += 1;
        let r = self.compare_seq_inner(op, s, t);
        self.cmp_depth -= 1;
        r
    }

    fn compare_seq_inner(&mut self, op: CmpOp, s: &[Value], t: &[Value]) -> PyResult<bool> {
        for (x, y) in s.iter().zip(t.iter()) {
            if !self.eq(x, y)? {
                return match op {
                    CmpOp::Eq => Ok(false),
                    CmpOp::NotEq => Ok(true),
                    _ => {
                        let r = self.compare_op(op, x, y)?;
                        self.truthy(&r)
                    }
                };
            }
        }
        let (a, b) = (s.len(), t.len());
        Ok(match op {
            CmpOp::Eq => a == b,
            CmpOp::NotEq => a != b,
            CmpOp::Lt => a < b,
            CmpOp::LtE => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::GtE => a >= b,
            _ => false,
        })
    }

    fn dict_eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if self.cmp_depth > 300 {
            return Err(self.new_exc(
                TypeId::RecursionError,
                "maximum recursion depth exceeded in comparison",
            ));
        }
        self.cmp_depth += 1;
        let r = self.dict_eq_inner(a, b);
        self.cmp_depth -= 1;
        r
    }

    fn dict_eq_inner(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        let ia = self.mapping_items(a)?;
        if ia.len() != self.len(b)? {
            return Ok(false);
        }
        for (k, v) in ia {
            match self.dict_get(b, &k)? {
                Some(w) => {
                    if !self.eq(&v, &w)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// `item in container`
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        if let Value::Obj(o) = container {
            match &**o {
                Obj::Str(s) => {
                    return match item.as_str() {
                        Some(i) => Ok(s.s.contains(&*i.s)),
                        None => {
                            let t = self.type_name(item);
                            Err(self.type_error(format!(
                                "'in <string>' requires string as left operand, not {}",
                                t
                            )))
                        }
                    };
                }
                Obj::Dict(_) | Obj::Set(_) | Obj::FrozenSet(_) => {
                    return Ok(self.dict_find(container, item)?.is_some())
                }
                Obj::List(_) | Obj::Tuple(_) => {
                    let items = self.to_vec(container)?;
                    for x in items.iter() {
                        if x.is(item) || self.eq(x, item)? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                }
                Obj::Range(a, _, c) => {
                    if let Value::Int(i) = item {
                        let n = range_len(o);
                        if n == 0 {
                            return Ok(false);
                        }
                        let (a, c) = (*a, *c);
                        let off = i - a;
                        if off % c != 0 {
                            return Ok(false);
                        }
                        let k = off / c;
                        return Ok(k >= 0 && k < n);
                    }
                }
                Obj::Bytes(_) | Obj::ByteArray(_) => {
                    let hay = self.bytes_of(container)?;
                    if let Value::Int(i) = item {
                        return Ok(hay.contains(&(*i as u8)) && (0..256).contains(i));
                    }
                    let needle = self.bytes_of(item)?;
                    return Ok(crate::types::find_bytes(&hay, &needle, 0).is_some());
                }
                Obj::Instance(_) | Obj::Native(_) => {
                    if let Some(m) = self.lookup_special(container, "__contains__") {
                        let r = self.call(&m, &[container.clone(), item.clone()])?;
                        return self.truthy(&r);
                    }
                    let b = self.base_value(container);
                    if !b.is(container) {
                        return self.contains(&b, item);
                    }
                }
                _ => {}
            }
        }
        let it = self.get_iter(container)?;
        while let Some(x) = self.next(&it)? {
            if x.is(item) || self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `format(v, spec)`
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<Value> {
        if spec.is_empty() {
            if v.as_str().is_some() {
                return Ok(v.clone());
            }
            return self.to_str(v);
        }
        if let Value::Obj(o) = v {
            if let Obj::Instance(_) = &**o {
                if let Some(m) = self.lookup_special(v, "__format__") {
                    if !matches!(&m, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_))) {
                        return self.call(&m, &[v.clone(), Value::str(spec)]);
                    }
                }
                let b = self.base_value(v);
                if !b.is(v) {
                    return self.format_value(&b, spec);
                }
            }
        }
        let s = crate::format::format_spec(self, v, spec)?;
        Ok(Value::string(s))
    }

    /// Helper for builtins: get `args[i]` or raise TypeError.
    pub fn arg<'a>(&mut self, args: &'a Args, i: usize, fname: &str) -> PyResult<&'a Value> {
        match args.pos.get(i) {
            Some(v) => Ok(v),
            None => {
                Err(self.type_error(format!("{}() missing required argument {}", fname, i + 1)))
            }
        }
    }

    /// Builtins taking positional args only: check the count.
    pub fn check_args(&mut self, args: &Args, min: usize, max: usize, fname: &str) -> PyResult<()> {
        let n = args.pos.len();
        if n < min || n > max {
            if min == max {
                return Err(
                    self.type_error(format!("{}() takes {} arguments ({} given)", fname, min, n))
                );
            }
            return Err(self.type_error(format!(
                "{}() takes from {} to {} arguments ({} given)",
                fname, min, max, n
            )));
        }
        Ok(())
    }

    pub fn new_list(&self, v: Vec<Value>) -> Value {
        Value::list(v)
    }

    /// exception helper used by modules: a builtin exception with a formatted message
    pub fn err(&mut self, typ: TypeId, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(typ, msg.as_ref())
    }

    /// `OSError(errno, strerror)`
    pub fn os_error(&mut self, errno: i32, msg: &str) -> PyErr {
        let cls = match errno {
            2 => self.shared.types.get(TypeId::FileNotFoundError),
            17 => self.shared.types.get(TypeId::FileExistsError),
            _ => self.shared.types.get(TypeId::OSError),
        };
        PyErr(types::make_exception(
            cls,
            Value::tuple(vec![Value::Int(errno as i64), Value::str(msg)]),
        ))
    }
}

/// Number of items of a range object.
pub fn range_len(o: &Obj) -> i64 {
    if let Obj::Range(a, b, c) = o {
        let (a, b, c) = (*a as i128, *b as i128, *c as i128);
        let n = if c > 0 {
            if b > a {
                (b - a + c - 1) / c
            } else {
                0
            }
        } else if a > b {
            (a - b - c - 1) / (-c)
        } else {
            0
        };
        return n.min(i64::MAX as i128) as i64;
    }
    0
}

/// The indices a resolved slice selects.
/// A Python index (negative counts from the end) as a position in a sequence of `len`
/// items, or None when it is out of range.
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    (0..n).contains(&j).then_some(j as usize)
}

pub fn slice_indices(start: i64, stop: i64, step: i64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    if step > 0 {
        while i < stop {
            out.push(i as usize);
            i += step;
        }
    } else {
        while i > stop {
            if i >= 0 {
                out.push(i as usize);
            }
            i += step;
        }
    }
    out
}

/// How many items `slice_collect` takes for a normalized slice.
fn slice_count(start: i64, stop: i64, step: i64) -> usize {
    let n = if step > 0 && stop > start {
        (stop - start + step - 1) / step
    } else if step < 0 && start > stop {
        (start - stop - step - 1) / -step
    } else {
        0
    };
    n as usize
}

pub fn slice_collect<T: Clone>(items: &[T], start: i64, stop: i64, step: i64) -> Vec<T> {
    if step == 1 {
        let s = (start.max(0) as usize).min(items.len());
        let e = (stop.max(0) as usize).min(items.len());
        if s >= e {
            return Vec::new();
        }
        return items[s..e].to_vec();
    }
    slice_indices(start, stop, step)
        .into_iter()
        .filter_map(|i| items.get(i).cloned())
        .collect()
}
