//! Builtin modules. Each module is a function that builds its namespace; `load_builtin`
//! finds one by name (MicroPython's `u`-prefixed names are aliases).

use alloc::string::String;
use alloc::vec::Vec;

use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

pub mod array;
pub mod binascii;
pub mod cmath;
pub mod collections;
pub mod errno;
pub mod frozen;
pub mod gc;
pub mod hashlib;
pub mod heapq;
pub mod io;
pub mod json;
pub mod machine;
pub mod math;
pub mod micropython;
pub mod os;
pub mod queue;
pub mod random;
pub mod re;
pub mod re_engine;
pub mod struct_;
pub mod sys;
pub mod thread;
pub mod threading;
pub mod time;

/// A builtin module's initialiser: fills the module dict.
pub type ModuleInit = fn(&mut Vm, &mut Dict) -> PyResult<()>;

/// Every builtin module by name.
pub const MODULES: &[(&str, ModuleInit)] = &[
    ("sys", sys::init),
    ("_thread", thread::init),
    ("io", io::init),
    ("struct", struct_::init),
    ("binascii", binascii::init),
    ("hashlib", hashlib::init),
    ("heapq", heapq::init),
    ("array", array::init),
    ("json", json::init),
    ("math", math::init),
    ("cmath", cmath::init),
    ("random", random::init),
    ("time", time::init),
    ("os", os::init),
    ("errno", errno::init),
    ("gc", gc::init),
    ("micropython", micropython::init),
    ("machine", machine::init),
    ("threading", threading::init),
    ("queue", queue::init),
    ("collections", collections::init),
    ("re", re::init),
    ("builtins", init_builtins),
];

fn init_builtins(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    if let Value::Obj(o) = &vm.shared.builtins_dict {
        if let Obj::Dict(b) = &**o {
            *d = b.borrow().clone();
        }
    }
    Ok(())
}

/// Names `help('modules')` and `sys.builtin_module_names` list.
pub fn names() -> Vec<&'static str> {
    MODULES.iter().map(|(n, _)| *n).collect()
}

/// Build the builtin module `name`, if there is one.
pub fn load_builtin(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    let base = match name.strip_prefix('u') {
        Some(rest)
            if MODULES.iter().any(|(n, _)| *n == rest)
                && !MODULES.iter().any(|(n, _)| *n == name) =>
        {
            rest
        }
        _ => name,
    };
    if base == "builtins" {
        return Ok(Some(vm.shared.builtins.clone()));
    }
    for (n, init) in MODULES {
        if *n == base {
            let mut d = Dict::new();
            d.set_str("__name__", Value::str(base));
            init(vm, &mut d)?;
            return Ok(Some(Value::obj(Obj::Module(Module {
                name: Value::str(base),
                dict: Value::dict(d),
            }))));
        }
    }
    Ok(None)
}

/// Add builtin functions to a module dict.
pub fn add_fns(d: &mut Dict, fns: &[(&'static str, NativeFn)]) {
    for (name, f) in fns {
        d.set_str(name, crate::builtins::builtin_fn(name, *f));
    }
}

/// A class for objects implemented in Rust (created once per interpreter, then cached).
pub fn native_class(
    vm: &mut Vm,
    name: &'static str,
    methods: &[(&'static str, NativeFn)],
) -> Value {
    // hot: every method call on a native object asks for its class (no allocation here)
    let key = name.as_ptr() as usize;
    if let Some((_, c)) = vm
        .shared
        .native_class_cache
        .borrow()
        .iter()
        .find(|(k, _)| *k == key)
    {
        return c.clone();
    }
    if let Value::Obj(o) = &vm.shared.native_classes {
        if let Obj::Dict(d) = &**o {
            let found = d.borrow().get_str(name).cloned();
            if let Some(c) = found {
                vm.shared
                    .native_class_cache
                    .borrow_mut()
                    .push((key, c.clone()));
                return c;
            }
        }
    }
    let key = Value::str(name);
    let object = vm.shared.types.get(crate::types::TypeId::Object);
    let mut ns = Dict::new();
    ns.set_str("__module__", Value::str("builtins"));
    let cls = crate::types::new_class(vm, Value::str(name), alloc::vec![object], ns)
        .unwrap_or(Value::None);
    crate::types::add_methods(&cls, methods);
    crate::vm::dict_set_str(&vm.shared.native_classes, key, cls.clone());
    cls
}

/// Downcast the receiver of a native method.
pub fn native_ref<T: 'static>(v: &Value) -> Option<&T> {
    match v {
        Value::Obj(o) => match &**o {
            Obj::Native(n) => n.as_any().downcast_ref::<T>(),
            _ => None,
        },
        _ => None,
    }
}

pub fn str_arg(vm: &mut Vm, args: &Args, i: usize, fname: &str) -> PyResult<String> {
    match args.pos.get(i) {
        Some(v) => match v.as_str() {
            Some(s) => Ok(String::from(s.as_str())),
            None => {
                let t = vm.type_name(v);
                Err(vm.type_error(alloc::format!(
                    "{}() argument must be str, not {}",
                    fname,
                    t
                )))
            }
        },
        None => Err(vm.type_error(alloc::format!("{}() missing required argument", fname))),
    }
}
