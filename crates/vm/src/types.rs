//! Builtin types as class objects, class creation, constructors, exceptions, iterators.

use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::ast::{BinOp, CmpOp};
use crate::dict::Dict;
use crate::interp::Shared;
use crate::value::*;
use crate::vm::{GenStep, PyErr, PyResult, Vm};

macro_rules! type_ids {
    ($($name:ident = $py:literal),* $(,)?) => {
        /// Every builtin type and exception class, indexing [`TypeTable`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u16)]
        pub enum TypeId { $($name),* }
        pub const TYPE_NAMES: &[&str] = &[$($py),*];
        pub const ALL_TYPES: &[TypeId] = &[$(TypeId::$name),*];
    };
}

type_ids! {
    Object = "object", Type = "type", NoneType = "NoneType", Int = "int", Bool = "bool",
    Float = "float", Complex = "complex", Str = "str", Bytes = "bytes", ByteArray = "bytearray",
    MemoryView = "memoryview", Tuple = "tuple", List = "list", Dict = "dict", Set = "set",
    FrozenSet = "frozenset", Range = "range", Slice = "slice", Ellipsis = "ellipsis",
    NotImplementedType = "NotImplementedType", Function = "function", Method = "bound_method",
    BuiltinFunction = "builtin_function_or_method", Module = "module", Cell = "cell",
    Code = "code", Generator = "generator", Coroutine = "coroutine", Iterator = "iterator",
    Property = "property", ClassMethod = "classmethod", StaticMethod = "staticmethod",
    Super = "super", DictKeys = "dict_keys", DictValues = "dict_values", DictItems = "dict_items",
    Enumerate = "enumerate", Zip = "zip", Map = "map", Filter = "filter", Reversed = "reversed",
    // exceptions
    BaseException = "BaseException", SystemExit = "SystemExit",
    KeyboardInterrupt = "KeyboardInterrupt", GeneratorExit = "GeneratorExit",
    Exception = "Exception", StopIteration = "StopIteration",
    StopAsyncIteration = "StopAsyncIteration", ArithmeticError = "ArithmeticError",
    OverflowError = "OverflowError", ZeroDivisionError = "ZeroDivisionError",
    AssertionError = "AssertionError", AttributeError = "AttributeError", EOFError = "EOFError",
    ImportError = "ImportError", ModuleNotFoundError = "ModuleNotFoundError",
    LookupError = "LookupError", IndexError = "IndexError", KeyError = "KeyError",
    MemoryError = "MemoryError", NameError = "NameError", UnboundLocalError = "UnboundLocalError",
    OSError = "OSError", FileNotFoundError = "FileNotFoundError",
    FileExistsError = "FileExistsError", PermissionError = "PermissionError",
    IsADirectoryError = "IsADirectoryError", NotADirectoryError = "NotADirectoryError",
    TimeoutError = "TimeoutError", InterruptedError = "InterruptedError",
    RuntimeError = "RuntimeError", NotImplementedError = "NotImplementedError",
    RecursionError = "RecursionError", SyntaxError = "SyntaxError",
    IndentationError = "IndentationError", SystemError = "SystemError", TypeError = "TypeError",
    ValueError = "ValueError", UnicodeError = "UnicodeError",
    UnicodeDecodeError = "UnicodeDecodeError", UnicodeEncodeError = "UnicodeEncodeError",
    Warning = "Warning", UserWarning = "UserWarning", DeprecationWarning = "DeprecationWarning",
    RuntimeWarning = "RuntimeWarning",
}

/// (exception, its base)
const EXC_BASES: &[(TypeId, TypeId)] = &[
    (TypeId::BaseException, TypeId::Object),
    (TypeId::SystemExit, TypeId::BaseException),
    (TypeId::KeyboardInterrupt, TypeId::BaseException),
    (TypeId::GeneratorExit, TypeId::BaseException),
    (TypeId::Exception, TypeId::BaseException),
    (TypeId::StopIteration, TypeId::Exception),
    (TypeId::StopAsyncIteration, TypeId::Exception),
    (TypeId::ArithmeticError, TypeId::Exception),
    (TypeId::OverflowError, TypeId::ArithmeticError),
    (TypeId::ZeroDivisionError, TypeId::ArithmeticError),
    (TypeId::AssertionError, TypeId::Exception),
    (TypeId::AttributeError, TypeId::Exception),
    (TypeId::EOFError, TypeId::Exception),
    (TypeId::ImportError, TypeId::Exception),
    (TypeId::ModuleNotFoundError, TypeId::ImportError),
    (TypeId::LookupError, TypeId::Exception),
    (TypeId::IndexError, TypeId::LookupError),
    (TypeId::KeyError, TypeId::LookupError),
    (TypeId::MemoryError, TypeId::Exception),
    (TypeId::NameError, TypeId::Exception),
    (TypeId::UnboundLocalError, TypeId::NameError),
    (TypeId::OSError, TypeId::Exception),
    (TypeId::FileNotFoundError, TypeId::OSError),
    (TypeId::FileExistsError, TypeId::OSError),
    (TypeId::PermissionError, TypeId::OSError),
    (TypeId::IsADirectoryError, TypeId::OSError),
    (TypeId::NotADirectoryError, TypeId::OSError),
    (TypeId::TimeoutError, TypeId::OSError),
    (TypeId::InterruptedError, TypeId::OSError),
    (TypeId::RuntimeError, TypeId::Exception),
    (TypeId::NotImplementedError, TypeId::RuntimeError),
    (TypeId::RecursionError, TypeId::RuntimeError),
    (TypeId::SyntaxError, TypeId::Exception),
    (TypeId::IndentationError, TypeId::SyntaxError),
    (TypeId::SystemError, TypeId::Exception),
    (TypeId::TypeError, TypeId::Exception),
    (TypeId::ValueError, TypeId::Exception),
    (TypeId::UnicodeError, TypeId::ValueError),
    (TypeId::UnicodeDecodeError, TypeId::UnicodeError),
    (TypeId::UnicodeEncodeError, TypeId::UnicodeError),
    (TypeId::Warning, TypeId::Exception),
    (TypeId::UserWarning, TypeId::Warning),
    (TypeId::DeprecationWarning, TypeId::Warning),
    (TypeId::RuntimeWarning, TypeId::Warning),
];

/// The class objects of the builtin types.
pub struct TypeTable {
    classes: Vec<Value>,
}

impl Default for TypeTable {
    fn default() -> Self {
        Self::new()
    }
}

impl TypeTable {
    #[inline]
    pub fn get(&self, t: TypeId) -> Value {
        self.classes[t as usize].clone()
    }
    #[inline]
    pub fn get_ref(&self, t: TypeId) -> &Value {
        &self.classes[t as usize]
    }
    pub fn by_name(&self, name: &str) -> Option<Value> {
        TYPE_NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| self.classes[i].clone())
    }

    /// Create every builtin class with its methods.
    pub fn new() -> TypeTable {
        let mut classes: Vec<Value> = Vec::with_capacity(ALL_TYPES.len());
        let object = new_class_raw(
            Value::str("object"),
            Vec::new(),
            BaseKind::Object,
            Some(TypeId::Object),
        );
        classes.push(object.clone());
        for (i, &t) in ALL_TYPES.iter().enumerate().skip(1) {
            let name = TYPE_NAMES[i];
            let base = EXC_BASES.iter().find(|(e, _)| *e == t).map(|(_, b)| *b);
            let (bases, kind) = match base {
                Some(b) => (vec![classes[b as usize].clone()], BaseKind::Exception),
                None => {
                    if t == TypeId::Bool {
                        (
                            vec![classes[TypeId::Int as usize].clone()],
                            BaseKind::Wrapped,
                        )
                    } else {
                        (vec![object.clone()], BaseKind::Wrapped)
                    }
                }
            };
            classes.push(new_class_raw(Value::str(name), bases, kind, Some(t)));
        }
        let table = TypeTable { classes };
        crate::methods::register_all(&table);
        table
    }
}

/// A class object with its MRO computed by simple linearisation of single bases (builtin
/// types only; user classes go through C3 in [`build_class`]).
fn new_class_raw(name: Value, bases: Vec<Value>, kind: BaseKind, builtin: Option<TypeId>) -> Value {
    let cls = Value::obj(Obj::Class(alloc::boxed::Box::new(Class {
        qualname: RefCell::new(name.clone()),
        name,
        bases: bases.clone(),
        mro: RefCell::new(Vec::new()),
        dict: RefCell::new(Dict::new()),
        base_kind: kind,
        builtin,
        flags: Cell::new(0),
        cache: RefCell::new(Dict::new()),
        cache_ver: Cell::new(0),
    })));
    let mut mro = vec![cls.clone()];
    if let Some(Value::Obj(o)) = bases.first() {
        if let Obj::Class(c) = &**o {
            mro.extend(c.mro.borrow().iter().cloned());
        }
    }
    if let Value::Obj(o) = &cls {
        if let Obj::Class(c) = &**o {
            *c.mro.borrow_mut() = mro;
        }
    }
    cls
}

pub fn class_of(v: &Value) -> Option<&Class> {
    match v {
        Value::Obj(o) => match &**o {
            Obj::Class(c) => Some(c),
            _ => None,
        },
        _ => None,
    }
}

/// Add builtin methods to a class.
pub fn add_methods(cls: &Value, methods: &[(&'static str, NativeFn)]) {
    if let Some(c) = class_of(cls) {
        let mut d = c.dict.borrow_mut();
        for (name, f) in methods {
            d.set_str(
                name,
                Value::obj(Obj::Builtin(Builtin {
                    name,
                    func: *f,
                    self_: None,
                    data: None,
                })),
            );
        }
    }
}

/// Add class-level builtin methods (`dict.fromkeys`, `int.from_bytes`).
pub fn add_classmethods(cls: &Value, methods: &[(&'static str, NativeFn)]) {
    if let Some(c) = class_of(cls) {
        let mut d = c.dict.borrow_mut();
        for (name, f) in methods {
            let b = Value::obj(Obj::Builtin(Builtin {
                name,
                func: *f,
                self_: None,
                data: None,
            }));
            d.set_str(name, Value::obj(Obj::ClassMethod(b)));
        }
    }
}

pub fn class_name(cls: &Value) -> String {
    match class_of(cls) {
        Some(c) => c
            .name
            .as_str()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        None => String::from("?"),
    }
}

pub fn is_subclass(a: &Value, b: &Value) -> bool {
    if a.is(b) {
        return true;
    }
    match class_of(a) {
        Some(c) => c.mro.borrow().iter().any(|k| k.is(b)),
        None => false,
    }
}

pub fn type_of_shared(sh: &Shared, v: &Value) -> Value {
    let t = &sh.types;
    match v {
        Value::None | Value::Undef => t.get(TypeId::NoneType),
        Value::Bool(_) => t.get(TypeId::Bool),
        Value::Int(_) => t.get(TypeId::Int),
        Value::Float(_) => t.get(TypeId::Float),
        Value::Obj(o) => match &**o {
            Obj::Str(_) => t.get(TypeId::Str),
            Obj::BigInt(_) => t.get(TypeId::Int),
            Obj::Complex(..) => t.get(TypeId::Complex),
            Obj::Bytes(_) => t.get(TypeId::Bytes),
            Obj::ByteArray(_) => t.get(TypeId::ByteArray),
            Obj::MemoryView(_) => t.get(TypeId::MemoryView),
            Obj::Tuple(_) => t.get(TypeId::Tuple),
            Obj::List(_) => t.get(TypeId::List),
            Obj::Dict(_) => t.get(TypeId::Dict),
            Obj::Set(_) => t.get(TypeId::Set),
            Obj::FrozenSet(_) => t.get(TypeId::FrozenSet),
            Obj::Range(..) => t.get(TypeId::Range),
            Obj::Slice(..) => t.get(TypeId::Slice),
            Obj::Ellipsis => t.get(TypeId::Ellipsis),
            Obj::NotImplemented => t.get(TypeId::NotImplementedType),
            Obj::Function(_) => t.get(TypeId::Function),
            Obj::Method(..) => t.get(TypeId::Method),
            Obj::Builtin(_) => t.get(TypeId::BuiltinFunction),
            Obj::Class(_) => t.get(TypeId::Type),
            Obj::Instance(i) => i.class.clone(),
            Obj::Module(_) => t.get(TypeId::Module),
            Obj::Cell(_) => t.get(TypeId::Cell),
            Obj::Code(_) => t.get(TypeId::Code),
            Obj::Generator(g) => {
                if g.borrow().is_coroutine {
                    t.get(TypeId::Coroutine)
                } else {
                    t.get(TypeId::Generator)
                }
            }
            Obj::Iter(it) => match &*it.borrow() {
                Iter::Enumerate { .. } => t.get(TypeId::Enumerate),
                Iter::Zip { .. } => t.get(TypeId::Zip),
                Iter::Map { .. } => t.get(TypeId::Map),
                Iter::Filter { .. } => t.get(TypeId::Filter),
                Iter::Reversed { .. } => t.get(TypeId::Reversed),
                _ => t.get(TypeId::Iterator),
            },
            Obj::Property(..) => t.get(TypeId::Property),
            Obj::ClassMethod(_) => t.get(TypeId::ClassMethod),
            Obj::StaticMethod(_) => t.get(TypeId::StaticMethod),
            Obj::Super(..) => t.get(TypeId::Super),
            Obj::DictView(v) => match v.kind {
                0 => t.get(TypeId::DictKeys),
                1 => t.get(TypeId::DictValues),
                _ => t.get(TypeId::DictItems),
            },
            // natives answer through Vm::type_of; this is a fallback
            Obj::Native(_) => t.get(TypeId::Object),
        },
    }
}

/// Build an exception instance of `cls` with `args` (a tuple).
pub fn make_exception(cls: Value, args: Value) -> Value {
    Value::obj(Obj::Instance(Instance {
        class: cls,
        attrs: Value::dict(Dict::new()),
        payload: RefCell::new(Payload::Exc(alloc::boxed::Box::new(ExcData {
            args,
            ..Default::default()
        }))),
    }))
}

pub fn exc_args(exc: &Value) -> Value {
    if let Value::Obj(o) = exc {
        if let Obj::Instance(i) = &**o {
            if let Payload::Exc(d) = &*i.payload.borrow() {
                return d.args.clone();
            }
        }
    }
    Value::tuple(Vec::new())
}

pub fn stop_iteration_value(exc: &Value) -> Value {
    exc_args(exc)
        .as_tuple()
        .and_then(|t| t.first().cloned())
        .unwrap_or(Value::None)
}

// ---------------------------------------------------------------------- class creation

/// C3 linearisation.
fn c3_mro(vm: &mut Vm, cls: &Value, bases: &[Value]) -> PyResult<Vec<Value>> {
    let mut seqs: Vec<Vec<Value>> = Vec::new();
    for b in bases {
        match class_of(b) {
            Some(c) => seqs.push(c.mro.borrow().clone()),
            None => return Err(vm.type_error("bases must be types")),
        }
    }
    seqs.push(bases.to_vec());
    let mut out = vec![cls.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut cand = None;
        for s in seqs.iter() {
            let h = &s[0];
            if !seqs.iter().any(|t| t[1..].iter().any(|x| x.is(h))) {
                cand = Some(h.clone());
                break;
            }
        }
        let c = match cand {
            Some(c) => c,
            None => {
                return Err(
                    vm.type_error("Cannot create a consistent method resolution order (MRO)")
                )
            }
        };
        for s in seqs.iter_mut() {
            if s[0].is(&c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// Create a class object `type(name, bases, ns)`.
pub fn new_class(vm: &mut Vm, name: Value, bases: Vec<Value>, ns: Dict) -> PyResult<Value> {
    let object = vm.shared.types.get(TypeId::Object);
    let bases = if bases.is_empty() {
        vec![object]
    } else {
        bases
    };
    let mut kind = BaseKind::Object;
    for b in &bases {
        match class_of(b) {
            Some(c) => {
                if c.base_kind == BaseKind::Exception {
                    kind = BaseKind::Exception;
                } else if c.base_kind == BaseKind::Wrapped
                    && kind == BaseKind::Object
                    && c.builtin != Some(TypeId::Object)
                {
                    kind = BaseKind::Wrapped;
                }
                if let Some(TypeId::Bool) = c.builtin {
                    return Err(vm.type_error("type 'bool' is not an acceptable base type"));
                }
            }
            None => return Err(vm.type_error("bases must be types")),
        }
    }
    let qual = ns
        .get_str("__qualname__")
        .cloned()
        .unwrap_or_else(|| name.clone());
    let cls = Value::obj(Obj::Class(alloc::boxed::Box::new(Class {
        name,
        qualname: RefCell::new(qual),
        bases: bases.clone(),
        mro: RefCell::new(Vec::new()),
        dict: RefCell::new(ns),
        base_kind: kind,
        builtin: None,
        flags: Cell::new(0),
        cache: RefCell::new(Dict::new()),
        cache_ver: Cell::new(0),
    })));
    let mro = c3_mro(vm, &cls, &bases)?;
    if let Some(c) = class_of(&cls) {
        *c.mro.borrow_mut() = mro;
        // a plain function __new__ / __init_subclass__ are implicitly static / class methods
        let mut d = c.dict.borrow_mut();
        if let Some(i) = d.find_strval(&vm.intern("__new__")) {
            let v = d.entry_at(i).value.clone();
            if matches!(&v, Value::Obj(o) if matches!(&**o, Obj::Function(_))) {
                *d.value_at_mut(i) = Value::obj(Obj::StaticMethod(v));
            }
        }
    }
    Ok(cls)
}

/// `__build_class__(body, name, *bases, **kw)`
pub fn build_class(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let body = args.pos[0].clone();
    let name = args.pos[1].clone();
    let bases: Vec<Value> = args.pos[2..].to_vec();
    let mut metaclass = None;
    for (k, v) in args.kw {
        if vm.str_of(k) == "metaclass" {
            metaclass = Some(v.clone());
        }
    }
    let ns = Value::dict(Dict::new());
    let (code, globals, closure) = match &body {
        Value::Obj(o) => match &**o {
            Obj::Function(f) => (f.code.clone(), f.globals.clone(), f.closure.clone()),
            _ => return Err(vm.type_error("__build_class__: func must be a function")),
        },
        _ => return Err(vm.type_error("__build_class__: func must be a function")),
    };
    vm.run_code_with_closure(code, globals, ns.clone(), &closure)?;
    let mut d = match &ns {
        Value::Obj(o) => match &**o {
            Obj::Dict(d) => d.borrow().clone(),
            _ => Dict::new(),
        },
        _ => Dict::new(),
    };
    let classcell = d.remove_str("__classcell__");
    let cls = match metaclass {
        Some(m) if !m.is(&vm.shared.types.get(TypeId::Type)) => {
            let nsd = Value::dict(d);
            vm.call(&m, &[name, Value::tuple(bases), nsd])?
        }
        _ => new_class(vm, name, bases, d)?,
    };
    if let Some(cell) = classcell {
        crate::vm::cell_set(&cell, cls.clone());
    }
    // __set_name__ on descriptors
    if let Some(c) = class_of(&cls) {
        let items = c.dict.borrow().items();
        for (k, v) in items {
            if matches!(&v, Value::Obj(o) if matches!(&**o, Obj::Instance(_))) {
                if let Some(m) = vm.lookup_special(&v, "__set_name__") {
                    vm.call(&m, &[v.clone(), cls.clone(), k])?;
                }
            }
        }
    }
    // __init_subclass__ of a base
    Ok(cls)
}

/// Calling a class: builtin constructors or `__new__` + `__init__`.
pub fn call_class(
    vm: &mut Vm,
    cls: &Value,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Value> {
    let c = match class_of(cls) {
        Some(c) => c,
        None => return Err(vm.type_error("not a class")),
    };
    if let Some(t) = c.builtin {
        if c.base_kind != BaseKind::Exception {
            return crate::constructors::construct(vm, t, cls, args, kw);
        }
    }
    // user class (or exception class)
    let new_name = vm.intern("__new__");
    let user_new = vm
        .class_lookup(cls, &new_name)
        .filter(|n| !matches!(n, Value::Obj(o) if matches!(&**o, Obj::Builtin(_))));
    let inst = match user_new {
        Some(n) => {
            let f = match &n {
                Value::Obj(o) => match &**o {
                    Obj::StaticMethod(f) => f.clone(),
                    _ => n.clone(),
                },
                _ => n.clone(),
            };
            let mut a = Vec::with_capacity(args.len() + 1);
            a.push(cls.clone());
            a.extend_from_slice(args);
            let inst = vm.call_kw(&f, &a, kw)?;
            // __init__ runs only if __new__ returned an instance of cls
            let it = vm.type_of(&inst);
            if !is_subclass(&it, cls) {
                return Ok(inst);
            }
            inst
        }
        None => object_new(vm, cls, args)?,
    };
    let init_name = vm.intern("__init__");
    if let Some(init) = vm.class_lookup(cls, &init_name) {
        let is_builtin = matches!(&init, Value::Obj(o) if matches!(&**o, Obj::Builtin(_)));
        if !is_builtin {
            let mut a = Vec::with_capacity(args.len() + 1);
            a.push(inst.clone());
            a.extend_from_slice(args);
            let r = vm.call_kw(&init, &a, kw)?;
            if !r.is_none() {
                return Err(vm.type_error("__init__() should return None"));
            }
        } else if c.base_kind == BaseKind::Wrapped {
            // builtin base initialised from the constructor args (class L(list): L([1,2]))
            init_wrapped(vm, cls, &inst, args, kw)?;
        } else if c.base_kind == BaseKind::Object && (!args.is_empty() || !kw.is_empty()) {
            let has_new = vm
                .class_lookup(cls, &new_name)
                .map(|n| !matches!(&n, Value::Obj(o) if matches!(&**o, Obj::Builtin(_))))
                .unwrap_or(false);
            if !has_new {
                let n = class_name(cls);
                return Err(vm.type_error(format!("{}() takes no arguments", n)));
            }
        }
    }
    Ok(inst)
}

/// The builtin base class (list, dict, int, ...) of a class deriving from one.
pub fn builtin_base(cls: &Value) -> Option<(TypeId, Value)> {
    let c = class_of(cls)?;
    for k in c.mro.borrow().iter() {
        if let Some(kc) = class_of(k) {
            if let Some(t) = kc.builtin {
                if t != TypeId::Object {
                    return Some((t, k.clone()));
                }
            }
        }
    }
    None
}

fn init_wrapped(
    vm: &mut Vm,
    cls: &Value,
    inst: &Value,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<()> {
    if let Some((t, bcls)) = builtin_base(cls) {
        let needs_init = matches!(
            t,
            TypeId::List | TypeId::Dict | TypeId::Set | TypeId::ByteArray
        );
        if needs_init {
            let v = crate::constructors::construct(vm, t, &bcls, args, kw)?;
            set_base(inst, v);
        }
    }
    Ok(())
}

pub fn set_base(inst: &Value, v: Value) {
    if let Value::Obj(o) = inst {
        if let Obj::Instance(i) = &**o {
            *i.payload.borrow_mut() = Payload::Base(v);
        }
    }
}

/// `object.__new__(cls)`: a bare instance with the right payload.
pub fn object_new(vm: &mut Vm, cls: &Value, args: &[Value]) -> PyResult<Value> {
    // a new instance and its dict: where object-heavy code allocates (the check is not in
    // every call: a load there cost fib 10%)
    vm.check_memory()?;
    let c = match class_of(cls) {
        Some(c) => c,
        None => return Err(vm.type_error("object.__new__(X): X is not a type object")),
    };
    let payload = match c.base_kind {
        BaseKind::Exception => Payload::Exc(alloc::boxed::Box::new(ExcData {
            args: Value::tuple(args.to_vec()),
            ..Default::default()
        })),
        BaseKind::Wrapped => match builtin_base(cls) {
            Some((t, bcls)) => {
                // immutable bases take their value from the constructor arguments
                let v = match t {
                    TypeId::List | TypeId::Dict | TypeId::Set | TypeId::ByteArray => {
                        crate::constructors::construct(vm, t, &bcls, &[], &[])?
                    }
                    _ => crate::constructors::construct(vm, t, &bcls, args, &[])?,
                };
                Payload::Base(v)
            }
            None => Payload::None,
        },
        BaseKind::Object => Payload::None,
    };
    Ok(Value::obj(Obj::Instance(Instance {
        class: cls.clone(),
        attrs: Value::dict(Dict::new()),
        payload: RefCell::new(payload),
    })))
}

// ---------------------------------------------------------------------- iterators

pub fn iter_next(vm: &mut Vm, cell: &RefCell<Iter>) -> PyResult<Option<Value>> {
    // take what we need without holding the borrow across Python calls
    let mut it = cell.borrow_mut();
    match &mut *it {
        Iter::Seq { seq, idx } => {
            let i = *idx;
            let v = match seq {
                Value::Obj(o) => match &**o {
                    Obj::List(l) => l.borrow().get(i).cloned(),
                    Obj::Tuple(t) => t.get(i).cloned(),
                    Obj::Bytes(b) => b.get(i).map(|x| Value::Int(*x as i64)),
                    Obj::ByteArray(b) => b.borrow().get(i).map(|x| Value::Int(*x as i64)),
                    Obj::MemoryView(m) => {
                        if i < m.len {
                            let mv = seq.clone();
                            drop(it);
                            let r = memoryview_getitem(vm, &mv, &Value::Int(i as i64))?;
                            if let Iter::Seq { idx, .. } = &mut *cell.borrow_mut() {
                                *idx += 1;
                            }
                            return Ok(Some(r));
                        }
                        None
                    }
                    _ => None,
                },
                _ => None,
            };
            if v.is_some() {
                *idx += 1;
            } else {
                *it = Iter::Done;
            }
            Ok(v)
        }
        Iter::Range { cur, stop, step } => {
            if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                let v = *cur;
                *cur = cur.saturating_add(*step);
                Ok(Some(Value::Int(v)))
            } else {
                Ok(None)
            }
        }
        Iter::Str { s, byte_pos } => {
            let st = match s.as_str() {
                Some(p) => p,
                None => return Ok(None),
            };
            let rest = &st.s[*byte_pos..];
            match rest.chars().next() {
                Some(c) => {
                    let l = c.len_utf8();
                    let v = Value::str(&rest[..l]);
                    *byte_pos += l;
                    Ok(Some(v))
                }
                None => Ok(None),
            }
        }
        Iter::Dict {
            dict,
            idx,
            kind,
            len_at_start,
        } => {
            let d = match dict {
                Value::Obj(o) => o.clone(),
                _ => return Ok(None),
            };
            let cellref = match &*d {
                Obj::Dict(c) | Obj::Set(c) => c,
                _ => return Ok(None),
            };
            let b = cellref.borrow();
            if b.len() != *len_at_start {
                let kind_s = if matches!(&*d, Obj::Set(_)) {
                    "set"
                } else {
                    "dictionary"
                };
                drop(b);
                *it = Iter::Done;
                drop(it);
                return Err(vm.runtime_error(format!("{} changed size during iteration", kind_s)));
            }
            let slots = b.slots();
            while *idx < slots.len() {
                let e = &slots[*idx];
                *idx += 1;
                if matches!(e.key, Value::Undef) {
                    continue;
                }
                return Ok(Some(match kind {
                    0 => e.key.clone(),
                    1 => e.value.clone(),
                    _ => Value::tuple(vec![e.key.clone(), e.value.clone()]),
                }));
            }
            Ok(None)
        }
        Iter::Enumerate { it: inner, n } => {
            let inner = inner.clone();
            let cur = n.clone();
            drop(it);
            match vm.next(&inner)? {
                Some(v) => {
                    let next_n = vm.binary_op(BinOp::Add, &cur, &Value::Int(1))?;
                    if let Iter::Enumerate { n, .. } = &mut *cell.borrow_mut() {
                        *n = next_n;
                    }
                    Ok(Some(Value::tuple(vec![cur, v])))
                }
                None => Ok(None),
            }
        }
        Iter::Zip { its } => {
            let its = its.clone();
            drop(it);
            if its.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for i in its.iter() {
                match vm.next(i)? {
                    Some(v) => out.push(v),
                    None => return Ok(None),
                }
            }
            Ok(Some(Value::tuple(out)))
        }
        Iter::Map { func, its } => {
            let (func, its) = (func.clone(), its.clone());
            drop(it);
            let mut args = Vec::with_capacity(its.len());
            for i in its.iter() {
                match vm.next(i)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            vm.call(&func, &args).map(Some)
        }
        Iter::Filter { func, it: inner } => {
            let (func, inner) = (func.clone(), inner.clone());
            drop(it);
            loop {
                match vm.next(&inner)? {
                    Some(v) => {
                        let keep = if func.is_none() {
                            vm.truthy(&v)?
                        } else {
                            let r = vm.call(&func, core::slice::from_ref(&v))?;
                            vm.truthy(&r)?
                        };
                        if keep {
                            return Ok(Some(v));
                        }
                    }
                    None => return Ok(None),
                }
            }
        }
        Iter::Reversed { seq, idx } => {
            if *idx == 0 {
                return Ok(None);
            }
            *idx -= 1;
            let (seq, i) = (seq.clone(), *idx);
            drop(it);
            vm.get_item(&seq, &Value::Int(i as i64)).map(Some)
        }
        Iter::Callable { func, sentinel } => {
            let (func, sentinel) = (func.clone(), sentinel.clone());
            drop(it);
            let v = vm.call(&func, &[])?;
            if vm.eq(&v, &sentinel)? {
                *cell.borrow_mut() = Iter::Done;
                return Ok(None);
            }
            Ok(Some(v))
        }
        Iter::GetItem { obj, idx } => {
            let (obj, i) = (obj.clone(), *idx);
            drop(it);
            match vm.get_item(&obj, &Value::Int(i)) {
                Ok(v) => {
                    if let Iter::GetItem { idx, .. } = &mut *cell.borrow_mut() {
                        *idx += 1;
                    }
                    Ok(Some(v))
                }
                Err(e) => {
                    if vm.exc_matches(&e.0, TypeId::IndexError)
                        || vm.exc_matches(&e.0, TypeId::StopIteration)
                    {
                        Ok(None)
                    } else {
                        Err(e)
                    }
                }
            }
        }
        Iter::Done => Ok(None),
    }
}

// ---------------------------------------------------------------------- operators on builtins

pub fn range_items(o: &Obj) -> (i64, i64, i64) {
    if let Obj::Range(a, _, c) = o {
        let n = crate::ops::range_len(o);
        if n == 0 {
            return (0, 0, 0);
        }
        if n == 1 {
            return (*a, 1, 0);
        }
        return (*a, n, *c);
    }
    (0, 0, 0)
}

pub fn find_bytes(hay: &[u8], needle: &[u8], start: usize) -> Option<usize> {
    if needle.is_empty() {
        return if start <= hay.len() {
            Some(start)
        } else {
            None
        };
    }
    if needle.len() > hay.len() {
        return None;
    }
    (start..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

fn repeat_count(vm: &mut Vm, n: &Value) -> PyResult<Option<usize>> {
    match n {
        Value::Int(i) => Ok(Some((*i).max(0) as usize)),
        Value::Bool(b) => Ok(Some(*b as usize)),
        Value::Obj(o) => match &**o {
            Obj::BigInt(b) => {
                if b.sign() == num_bigint::Sign::Minus {
                    Ok(Some(0))
                } else {
                    Err(vm.memory_error())
                }
            }
            Obj::Instance(_) => match vm.index_of(n)? {
                Some(i) => Ok(Some(i.max(0) as usize)),
                None => Ok(None),
            },
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}

/// Sequence and set operators between builtin values; `Ok(None)` if not applicable.
pub fn binary_builtin(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    let (ao, bo) = match (a, b) {
        (Value::Obj(x), Value::Obj(y)) => (Some(x.clone()), Some(y.clone())),
        (Value::Obj(x), _) => (Some(x.clone()), None),
        (_, Value::Obj(y)) => (None, Some(y.clone())),
        _ => return Ok(None),
    };
    match op {
        BinOp::Add => {
            if let (Some(x), Some(y)) = (&ao, &bo) {
                match (&**x, &**y) {
                    (Obj::Str(s), Obj::Str(t)) => {
                        vm.check_alloc(s.s.len() + t.s.len())?;
                        let mut r = String::with_capacity(s.s.len() + t.s.len());
                        r.push_str(&s.s);
                        r.push_str(&t.s);
                        return Ok(Some(Value::obj(Obj::Str(PyStr {
                            char_len: s.char_len + t.char_len,
                            s: StrBuf::Heap(r.into_boxed_str()),
                            hash: Cell::new(0),
                        }))));
                    }
                    (Obj::List(s), Obj::List(t)) => {
                        let mut r = s.borrow().clone();
                        r.extend(t.borrow().iter().cloned());
                        return Ok(Some(Value::list(r)));
                    }
                    (Obj::Tuple(s), Obj::Tuple(t)) => {
                        let mut r = s.to_vec();
                        r.extend(t.iter().cloned());
                        return Ok(Some(Value::tuple(r)));
                    }
                    (
                        Obj::Bytes(_) | Obj::ByteArray(_),
                        Obj::Bytes(_) | Obj::ByteArray(_) | Obj::MemoryView(_),
                    ) => {
                        let mut r = vm.bytes_of(a)?;
                        r.extend(vm.bytes_of(b)?);
                        return Ok(Some(if matches!(&**x, Obj::ByteArray(_)) {
                            Value::obj(Obj::ByteArray(RefCell::new(r)))
                        } else {
                            Value::bytes(r)
                        }));
                    }
                    _ => {}
                }
            }
        }
        BinOp::Mult => {
            let (seq, n) = match (&ao, &bo) {
                (Some(x), _)
                    if matches!(
                        &**x,
                        Obj::Str(_)
                            | Obj::List(_)
                            | Obj::Tuple(_)
                            | Obj::Bytes(_)
                            | Obj::ByteArray(_)
                    ) =>
                {
                    (a, b)
                }
                (_, Some(y))
                    if matches!(
                        &**y,
                        Obj::Str(_)
                            | Obj::List(_)
                            | Obj::Tuple(_)
                            | Obj::Bytes(_)
                            | Obj::ByteArray(_)
                    ) =>
                {
                    (b, a)
                }
                _ => return Ok(None),
            };
            let n = match repeat_count(vm, n)? {
                Some(n) => n,
                None => return Ok(None),
            };
            if let Value::Obj(o) = seq {
                match &**o {
                    Obj::Str(s) => {
                        let total = s.s.len().checked_mul(n).ok_or_else(|| vm.memory_error())?;
                        vm.check_alloc(total)?;
                        return Ok(Some(Value::string(s.s.repeat(n))));
                    }
                    Obj::List(l) => {
                        let items = vm.clone_values(&l.borrow())?;
                        let total = items
                            .len()
                            .checked_mul(n)
                            .ok_or_else(|| vm.memory_error())?;
                        vm.check_alloc(total.saturating_mul(16))?;
                        let mut r = Vec::with_capacity(total);
                        for _ in 0..n {
                            r.extend(items.iter().cloned());
                        }
                        return Ok(Some(Value::list(r)));
                    }
                    Obj::Tuple(t) => {
                        let total = t.len().checked_mul(n).ok_or_else(|| vm.memory_error())?;
                        vm.check_alloc(total.saturating_mul(16))?;
                        let mut r = Vec::with_capacity(total);
                        for _ in 0..n {
                            r.extend(t.iter().cloned());
                        }
                        return Ok(Some(Value::tuple(r)));
                    }
                    Obj::Bytes(bs) => {
                        let total = bs.len().checked_mul(n).ok_or_else(|| vm.memory_error())?;
                        vm.check_alloc(total)?;
                        return Ok(Some(Value::bytes(bs.repeat(n))));
                    }
                    Obj::ByteArray(bs) => {
                        let v = bs.borrow().clone();
                        let total = v.len().checked_mul(n).ok_or_else(|| vm.memory_error())?;
                        vm.check_alloc(total)?;
                        return Ok(Some(Value::obj(Obj::ByteArray(RefCell::new(v.repeat(n))))));
                    }
                    _ => {}
                }
            }
        }
        BinOp::Mod => {
            if let Some(x) = &ao {
                match &**x {
                    Obj::Str(s) => {
                        let fmt = s.as_str().to_string();
                        return crate::format::percent_format(vm, &fmt, b)
                            .map(|s| Some(Value::string(s)));
                    }
                    Obj::Bytes(bs) => {
                        let fmt = String::from_utf8_lossy_simple(bs);
                        let r = crate::format::percent_format(vm, &fmt, b)?;
                        return Ok(Some(Value::bytes(
                            r.chars().map(|c| c as u32 as u8).collect(),
                        )));
                    }
                    _ => {}
                }
            }
        }
        BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor => {
            if let (Some(x), Some(y)) = (&ao, &bo) {
                let xs = matches!(
                    &**x,
                    Obj::Set(_) | Obj::FrozenSet(_) | Obj::DictView(DictView { kind: 0, .. })
                );
                let ys = matches!(
                    &**y,
                    Obj::Set(_) | Obj::FrozenSet(_) | Obj::DictView(DictView { kind: 0, .. })
                );
                if xs && ys {
                    let frozen = matches!(&**x, Obj::FrozenSet(_));
                    return crate::methods::set_op(vm, op, a, b, frozen).map(Some);
                }
                if let (Obj::Dict(_), Obj::Dict(_)) = (&**x, &**y) {
                    if op == BinOp::BitOr {
                        let items = vm.mapping_items(a)?;
                        let d = Value::dict(Dict::new());
                        for (k, v) in items {
                            vm.dict_set(&d, k, v)?;
                        }
                        for (k, v) in vm.mapping_items(b)? {
                            vm.dict_set(&d, k, v)?;
                        }
                        return Ok(Some(d));
                    }
                }
            }
        }
        _ => {}
    }
    Ok(None)
}

trait LossySimple {
    fn from_utf8_lossy_simple(b: &[u8]) -> String;
}
impl LossySimple for String {
    fn from_utf8_lossy_simple(b: &[u8]) -> String {
        b.iter().map(|&c| c as char).collect()
    }
}

pub fn set_compare(vm: &mut Vm, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
    let ka = set_keys(a);
    let kb = set_keys(b);
    let mut a_in_b = true;
    for k in ka.iter() {
        if vm.dict_find(b, k)?.is_none() {
            a_in_b = false;
            break;
        }
    }
    let mut b_in_a = true;
    for k in kb.iter() {
        if vm.dict_find(a, k)?.is_none() {
            b_in_a = false;
            break;
        }
    }
    Ok(match op {
        CmpOp::Eq => a_in_b && b_in_a,
        CmpOp::NotEq => !(a_in_b && b_in_a),
        CmpOp::LtE => a_in_b,
        CmpOp::Lt => a_in_b && ka.len() < kb.len(),
        CmpOp::GtE => b_in_a,
        CmpOp::Gt => b_in_a && ka.len() > kb.len(),
        _ => false,
    })
}

pub fn set_keys(v: &Value) -> Vec<Value> {
    match v {
        Value::Obj(o) => match &**o {
            Obj::Set(d) => d.borrow().keys(),
            Obj::FrozenSet(d) => d.keys(),
            Obj::Dict(d) => d.borrow().keys(),
            Obj::DictView(dv) => set_keys(&dv.dict),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

// ---------------------------------------------------------------------- memoryview

fn mv_parts(v: &Value) -> Option<(Value, usize, usize)> {
    match v {
        Value::Obj(o) => match &**o {
            Obj::MemoryView(m) => Some((m.obj.clone(), m.start, m.len)),
            _ => None,
        },
        _ => None,
    }
}

pub fn memoryview_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    let (obj, start, len) = match mv_parts(v) {
        Some(p) => p,
        None => return Err(vm.type_error("not a memoryview")),
    };
    let all = vm.bytes_of(&obj)?;
    let end = (start + len).min(all.len());
    Ok(all[start.min(end)..end].to_vec())
}

pub fn memoryview_getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let (obj, start, len) = match mv_parts(v) {
        Some(p) => p,
        None => return Err(vm.type_error("not a memoryview")),
    };
    if let Some(i) = vm.index_of(key)? {
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(vm.index_error("index out of range"));
        }
        let all = vm.bytes_of(&obj)?;
        return Ok(Value::Int(
            all.get(start + j as usize).copied().unwrap_or(0) as i64,
        ));
    }
    if let Some((a, b, c)) = vm.slice_of(key, len)? {
        if c != 1 {
            return Err(vm.err(
                TypeId::NotImplementedError,
                "only slices with step=1 are supported",
            ));
        }
        let n = (b - a).max(0) as usize;
        return Ok(Value::obj(Obj::MemoryView(MemView {
            obj,
            start: start + a as usize,
            len: n,
        })));
    }
    Err(vm.type_error("memoryview indices must be integers"))
}

pub fn memoryview_setitem(vm: &mut Vm, v: &Value, key: &Value, val: Value) -> PyResult<()> {
    let (obj, start, len) = match mv_parts(v) {
        Some(p) => p,
        None => return Err(vm.type_error("not a memoryview")),
    };
    let target = match &obj {
        Value::Obj(o) => match &**o {
            Obj::ByteArray(b) => b,
            _ => return Err(vm.type_error("memoryview: underlying buffer is not writable")),
        },
        _ => return Err(vm.type_error("memoryview: underlying buffer is not writable")),
    };
    if let Some(i) = vm.index_of(key)? {
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(vm.index_error("index out of range"));
        }
        let x = vm.to_i64(&val)?;
        if let Some(slot) = target.borrow_mut().get_mut(start + j as usize) {
            *slot = x as u8;
        }
        return Ok(());
    }
    if let Some((a, b, _)) = vm.slice_of(key, len)? {
        let data = vm.bytes_of(&val)?;
        let n = (b - a).max(0) as usize;
        if data.len() != n {
            return Err(vm.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let mut t = target.borrow_mut();
        for (k, x) in data.into_iter().enumerate() {
            if let Some(slot) = t.get_mut(start + a as usize + k) {
                *slot = x;
            }
        }
        return Ok(());
    }
    Err(vm.type_error("memoryview indices must be integers"))
}

/// Bytes of a native buffer object (array.array), via its `__bytes__` method.
pub fn native_buffer(vm: &mut Vm, v: &Value) -> Option<Vec<u8>> {
    let m = vm.lookup_special(v, "__bytes__")?;
    let r = vm.call(&m, core::slice::from_ref(v)).ok()?;
    match &r {
        Value::Obj(o) => match &**o {
            Obj::Bytes(b) => Some(b.to_vec()),
            _ => None,
        },
        _ => None,
    }
}

// ---------------------------------------------------------------------- generators

pub fn gen_send(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = vm.arg(&args, 0, "send")?.clone();
    let v = args.pos.get(1).cloned().unwrap_or(Value::None);
    match vm.gen_resume(&g, v, None)? {
        GenStep::Yield(v) => Ok(v),
        GenStep::Return(v) => Err(vm.stop_iteration(v)),
    }
}

pub fn gen_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = vm.arg(&args, 0, "__next__")?.clone();
    match vm.next(&g)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

pub fn gen_throw(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = vm.arg(&args, 0, "throw")?.clone();
    let e = vm.arg(&args, 1, "throw")?.clone();
    let e = match &e {
        Value::Obj(o) if matches!(&**o, Obj::Class(_)) => {
            let a: Vec<Value> = args.pos.get(2).map(|v| vec![v.clone()]).unwrap_or_default();
            vm.call(&e, &a)?
        }
        _ => e,
    };
    // delegate to an active yield-from target first
    let sub = match &g {
        Value::Obj(o) => match &**o {
            Obj::Generator(gg) => gg.borrow().yield_from.clone(),
            _ => None,
        },
        _ => None,
    };
    if let Some(sub) = sub {
        if let Value::Obj(so) = &sub {
            if let Obj::Generator(_) = &**so {
                let r = gen_throw(vm, Args::new(&[sub.clone(), e.clone()]));
                return match r {
                    Ok(v) => Ok(v),
                    Err(err) => {
                        if vm.exc_matches(&err.0, TypeId::StopIteration) {
                            // sub-generator finished: resume outer with its value
                            let val = stop_iteration_value(&err.0);
                            // pop the sub-iterator and continue after YieldFrom
                            if let Value::Obj(go) = &g {
                                if let Obj::Generator(gg) = &**go {
                                    let mut gb = gg.borrow_mut();
                                    gb.yield_from = None;
                                    if let Some(f) = gb.frame.as_mut() {
                                        f.ip += 1;
                                    }
                                    // drop the finished delegate from the saved stack
                                    gb.saved.pop();
                                }
                            }
                            match vm.gen_resume(&g, val, None)? {
                                GenStep::Yield(v) => Ok(v),
                                GenStep::Return(v) => Err(vm.stop_iteration(v)),
                            }
                        } else {
                            // exception propagates into the outer generator at its yield from
                            if let Value::Obj(go) = &g {
                                if let Obj::Generator(gg) = &**go {
                                    let mut gb = gg.borrow_mut();
                                    gb.yield_from = None;
                                    if let Some(f) = gb.frame.as_mut() {
                                        f.ip += 1;
                                    }
                                    // drop the finished delegate from the saved stack
                                    gb.saved.pop();
                                }
                            }
                            match vm.gen_resume(&g, Value::None, Some(err))? {
                                GenStep::Yield(v) => Ok(v),
                                GenStep::Return(v) => Err(vm.stop_iteration(v)),
                            }
                        }
                    }
                };
            }
        }
    }
    match vm.gen_resume(&g, Value::None, Some(PyErr(e)))? {
        GenStep::Yield(v) => Ok(v),
        GenStep::Return(v) => Err(vm.stop_iteration(v)),
    }
}

pub fn gen_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = vm.arg(&args, 0, "close")?.clone();
    let (started, finished) = match &g {
        Value::Obj(o) => match &**o {
            Obj::Generator(gg) => {
                let b = gg.borrow();
                (
                    b.frame.as_ref().map(|f| f.ip > 0).unwrap_or(false),
                    b.finished,
                )
            }
            _ => (false, true),
        },
        _ => (false, true),
    };
    if finished {
        return Ok(Value::None);
    }
    if !started {
        if let Value::Obj(o) = &g {
            if let Obj::Generator(gg) = &**o {
                let mut b = gg.borrow_mut();
                b.finished = true;
                b.frame = None;
            }
        }
        return Ok(Value::None);
    }
    let ge = vm.shared.types.get(TypeId::GeneratorExit);
    let exc = make_exception(ge, Value::tuple(Vec::new()));
    match gen_throw(vm, Args::new(&[g.clone(), exc])) {
        Ok(_) => Err(vm.runtime_error("generator ignored GeneratorExit")),
        Err(e) => {
            if vm.exc_matches(&e.0, TypeId::GeneratorExit)
                || vm.exc_matches(&e.0, TypeId::StopIteration)
            {
                Ok(Value::None)
            } else {
                Err(e)
            }
        }
    }
}

pub fn iter_self(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(vm.arg(&args, 0, "__iter__")?.clone())
}

/// Rust string of a BigInt in a radix (used by formatting helpers).
pub fn big_to_str_radix(b: &BigInt, radix: u32) -> String {
    b.to_str_radix(radix)
}

pub fn bigint_to_i64(b: &BigInt) -> Option<i64> {
    b.to_i64()
}

pub fn _unused(_: Rc<()>) {}
