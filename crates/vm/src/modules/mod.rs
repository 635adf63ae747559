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
    ("_collections", collections::init_native),
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

/// A builtin module written (partly) in Python, frozen: its initialiser runs the module's
/// code with `globals`, the dict that becomes the module's `__dict__`, as its globals, so
/// the module's functions see names rebound on the module (`threading.excepthook = f`),
/// and its lazy parts ([`LAZY`]) thaw into the same namespace.
pub type GlobalsInit = fn(&mut Vm, &Value) -> PyResult<()>;

/// Every builtin module of that kind by name.
pub const PY_MODULES: &[(&str, GlobalsInit)] = &[
    ("threading", threading::init),
    ("queue", queue::init),
    ("collections", collections::init),
];

/// Names `help('modules')` and `sys.builtin_module_names` list.
pub fn names() -> Vec<&'static str> {
    MODULES
        .iter()
        .map(|(n, _)| *n)
        .chain(PY_MODULES.iter().map(|(n, _)| *n))
        .collect()
}

fn is_builtin(name: &str) -> bool {
    MODULES.iter().any(|(n, _)| *n == name) || PY_MODULES.iter().any(|(n, _)| *n == name)
}

/// Build the builtin module `name`, if there is one.
pub fn load_builtin(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    let base = match name.strip_prefix('u') {
        Some(rest) if is_builtin(rest) && !is_builtin(name) => rest,
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
    for (n, init) in PY_MODULES {
        if *n == base {
            let mut d = Dict::new();
            d.set_str("__name__", Value::str(base));
            let globals = Value::dict(d);
            init(vm, &globals)?;
            return Ok(Some(Value::obj(Obj::Module(Module {
                name: Value::str(base),
                dict: globals,
            }))));
        }
    }
    Ok(None)
}

/// Names that frozen modules define only when first asked for: (module, frozen part, every
/// name the part defines). A module with parts gets [`install_lazy`]'s `__getattr__` and
/// `__dir__` (PEP 562), which thaw a part into the module's namespace the first time one of
/// its names is looked up on the module, so a program pays for what it uses. The parts are
/// marked in the module's source (`#@lazy NAME` lines, `frozen::sources`); a vm test checks
/// that each part stores exactly these names.
pub const LAZY: &[(&str, &str, &[&str])] = &[
    (
        "threading",
        "threading_hooks",
        &[
            "ExceptHookArgs",
            "_print_exception",
            "excepthook",
            "__excepthook__",
            "_current_excepthook",
            "_invoke_excepthook",
            "_profile_hook",
            "_trace_hook",
            "setprofile",
            "getprofile",
            "settrace",
            "gettrace",
        ],
    ),
    (
        "threading",
        "threading_more",
        &["Barrier", "BrokenBarrierError", "Timer"],
    ),
    (
        "threading",
        "threading_semaphore",
        &["Semaphore", "BoundedSemaphore"],
    ),
    ("threading", "threading_local", &["local", "_local_dict"]),
    (
        "threading",
        "threading_other",
        &["_DummyThread", "currentThread", "activeCount"],
    ),
    (
        "queue",
        "queue_priority",
        &["PriorityQueue", "_heappush", "_heappop"],
    ),
    ("queue", "queue_more", &["LifoQueue", "SimpleQueue"]),
    (
        "collections",
        "collections_namedtuple",
        &["namedtuple", "_tuple_new", "_kwlist", "_getter"],
    ),
    ("collections", "collections_ordereddict", &["OrderedDict"]),
    ("collections", "collections_defaultdict", &["defaultdict"]),
    (
        "collections",
        "collections_counter",
        &["Counter", "_second"],
    ),
];

/// Give the namespace `globals` of a module with lazy parts its `__getattr__` and
/// `__dir__` (builtins bound to the namespace).
pub fn install_lazy(globals: &Value) {
    for (name, f) in [
        ("__getattr__", lazy_getattr as NativeFn),
        ("__dir__", lazy_dir as NativeFn),
    ] {
        let b = Value::obj(Obj::Builtin(Builtin {
            name,
            func: f,
            self_: Some(globals.clone()),
            data: None,
        }));
        crate::vm::dict_set_str(globals, Value::str(name), b);
    }
}

fn module_name(vm: &mut Vm, globals: &Value) -> String {
    match vm.dict_get_str_opt(globals, &Value::str("__name__")) {
        Some(n) => vm.str_of(&n),
        None => String::new(),
    }
}

/// A lazy module's `__getattr__(name)`: thaw the part that defines `name` into the
/// module's namespace and return it; AttributeError for a name no part defines.
fn lazy_getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (globals, name) = match args.pos {
        [g, n] => (g.clone(), n.clone()),
        _ => return Err(vm.type_error("__getattr__() takes exactly one argument")),
    };
    let module = module_name(vm, &globals);
    let n = vm.str_of(&name);
    // defined already (a part that was thawed; a call from the module's own code)
    if let Some(v) = vm.dict_get_str_opt(&globals, &name) {
        return Ok(v);
    }
    if let Some((_, part, names)) = LAZY
        .iter()
        .find(|(m, _, names)| *m == module && names.contains(&n.as_str()))
    {
        // names of the part the program has set on the module already
        // (`threading.excepthook = hook` before any thread failed) keep their values
        let mut set: Vec<(Value, Value)> = Vec::new();
        for k in names.iter() {
            let k = Value::str(k);
            if let Some(v) = vm.dict_get_str_opt(&globals, &k) {
                set.push((k, v));
            }
        }
        let code = frozen::load(vm, part)?;
        vm.run_code(code, globals.clone(), globals.clone())?;
        for (k, v) in set {
            crate::vm::dict_set_str(&globals, k, v);
        }
        if let Some(v) = vm.dict_get_str_opt(&globals, &name) {
            return Ok(v);
        }
    }
    Err(vm.attr_error(alloc::format!(
        "module '{}' has no attribute '{}'",
        module,
        n
    )))
}

/// A lazy module's `__dir__()`: the names in its namespace and those its parts would
/// define (without the two hooks, so `dir()` is what it would be with every part loaded).
fn lazy_dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(globals) = args.pos.first().cloned() else {
        return Err(vm.type_error("__dir__() needs its module"));
    };
    let module = module_name(vm, &globals);
    let mut names: Vec<Value> = Vec::new();
    for (k, _) in vm.mapping_items(&globals)? {
        let s = vm.str_of(&k);
        if s != "__getattr__" && s != "__dir__" {
            names.push(k);
        }
    }
    for (m, _, part_names) in LAZY {
        if *m == module {
            for n in part_names.iter() {
                if vm.dict_get_str_opt(&globals, &Value::str(n)).is_none() {
                    names.push(Value::str(n));
                }
            }
        }
    }
    Ok(Value::list(names))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::Instr;
    use alloc::collections::BTreeSet;

    /// The names a module-level code object stores.
    fn stored(src: &str, filename: &str) -> BTreeSet<String> {
        let code = crate::compile_source(src, filename, crate::Mode::Exec).unwrap();
        code.instrs
            .iter()
            .filter_map(|i| match i {
                Instr::StoreName(n) | Instr::StoreGlobal(n) => {
                    Some(code.names[*n as usize].clone())
                }
                _ => None,
            })
            .collect()
    }

    /// Each lazy part stores exactly the names `LAZY` gives for it (so `__getattr__` finds
    /// every one and `dir()` lists them all), and no other code of its module stores them.
    #[test]
    fn lazy_parts_define_their_names() {
        let sources = frozen::sources();
        for (module, part, names) in LAZY {
            let (_, filename, src) = sources
                .iter()
                .find(|(n, _, _)| n == part)
                .unwrap_or_else(|| panic!("no `#@lazy {part}` in {module}'s source"));
            let want: BTreeSet<String> = names.iter().map(|n| String::from(*n)).collect();
            assert_eq!(stored(src, filename), want, "{part}");
            assert!(frozen::code(part).is_some(), "{part} is not frozen");
            assert!(PY_MODULES.iter().any(|(m, _)| m == module), "{module}");
            for (other, f, src) in &sources {
                if other != part
                    && (other == module || other.starts_with(&alloc::format!("{module}_")))
                {
                    let clash: Vec<_> = stored(src, f).intersection(&want).cloned().collect();
                    assert!(clash.is_empty(), "{other} also stores {clash:?}");
                }
            }
        }
    }
}
