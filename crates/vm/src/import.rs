//! `import`: builtin modules, then `.py` files and packages on `sys.path`.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::dict::Dict;
use crate::error::Mode;
use crate::port::OpenFlags;
use crate::types::TypeId;
use crate::value::*;
use crate::vm::{dict_set_str, PyResult, Vm};

/// Read a whole file through the port's file system.
pub fn read_file(vm: &Vm, path: &str) -> Option<Vec<u8>> {
    let fs = vm.shared.port.fs()?;
    let mut f = fs
        .open(
            path,
            OpenFlags {
                read: true,
                ..Default::default()
            },
        )
        .ok()?;
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => return None,
        }
    }
    Some(out)
}

fn is_file(vm: &Vm, path: &str) -> bool {
    match vm.shared.port.fs() {
        Some(fs) => fs.stat(path).map(|s| !s.is_dir).unwrap_or(false),
        None => false,
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() || dir == "." {
        name.to_string()
    } else if dir.ends_with('/') {
        format!("{}{}", dir, name)
    } else {
        format!("{}/{}", dir, name)
    }
}

pub fn sys_modules(vm: &Vm) -> Value {
    vm.shared.modules.clone()
}

fn resolve_name(vm: &mut Vm, name: &str, level: i64, globals: &Value) -> PyResult<String> {
    if level <= 0 {
        return Ok(name.to_string());
    }
    let pkg = vm
        .dict_get_str_opt(globals, &Value::str("__package__"))
        .filter(|v| !v.is_none());
    let base = match pkg {
        Some(p) => vm.str_of(&p),
        None => {
            let n = vm
                .dict_get_str_opt(globals, &Value::str("__name__"))
                .map(|v| vm.str_of(&v))
                .unwrap_or_default();
            let is_pkg = vm
                .dict_get_str_opt(globals, &Value::str("__path__"))
                .is_some();
            if is_pkg {
                n
            } else {
                match n.rfind('.') {
                    Some(i) => n[..i].to_string(),
                    None => String::new(),
                }
            }
        }
    };
    if base.is_empty() {
        return Err(vm.err(
            TypeId::ImportError,
            "attempted relative import with no known parent package",
        ));
    }
    let mut parts: Vec<&str> = base.split('.').collect();
    for _ in 1..level {
        if parts.pop().is_none() {
            return Err(vm.err(
                TypeId::ImportError,
                "attempted relative import beyond top-level package",
            ));
        }
    }
    if parts.is_empty() {
        return Err(vm.err(
            TypeId::ImportError,
            "attempted relative import beyond top-level package",
        ));
    }
    let mut full = parts.join(".");
    if !name.is_empty() {
        full.push('.');
        full.push_str(name);
    }
    Ok(full)
}

/// `ImportName`: returns the top package (no fromlist) or the named module.
pub fn import_name(
    vm: &mut Vm,
    name: &Value,
    fromlist: &Value,
    level: &Value,
    globals: &Value,
) -> PyResult<Value> {
    let name_s = vm.str_of(name);
    let level = match level {
        Value::Int(i) => *i,
        _ => 0,
    };
    let full = resolve_name(vm, &name_s, level, globals)?;
    let has_from =
        !fromlist.is_none() && fromlist.as_tuple().map(|t| !t.is_empty()).unwrap_or(true);
    // import each prefix in turn
    let mut module = Value::None;
    let mut top = Value::None;
    let mut prefix = String::new();
    for (i, part) in full.split('.').enumerate() {
        if i > 0 {
            prefix.push('.');
        }
        prefix.push_str(part);
        let parent = if i == 0 { None } else { Some(module.clone()) };
        module = import_one(vm, &prefix, parent.as_ref())?;
        if i == 0 {
            top = module.clone();
        }
    }
    if has_from || level > 0 && name_s.is_empty() {
        return Ok(module);
    }
    if level > 0 {
        // `from . import x` handled above; `import .x` is not valid syntax
        return Ok(module);
    }
    Ok(top)
}

/// Import one fully qualified module whose parent (if any) is already imported.
pub fn import_one(vm: &mut Vm, full: &str, parent: Option<&Value>) -> PyResult<Value> {
    let modules = sys_modules(vm);
    if let Some(m) = vm.dict_get_str_opt(&modules, &Value::str(full)) {
        return Ok(m);
    }
    // builtin (native) modules
    if parent.is_none() {
        if let Some(m) = crate::modules::load_builtin(vm, full)? {
            dict_set_str(&modules, Value::str(full), m.clone());
            return Ok(m);
        }
    }
    // search path: the parent package's __path__, or sys.path
    let leaf = full.rsplit('.').next().unwrap_or(full).to_string();
    let dirs: Vec<String> = match parent {
        Some(p) => match module_attr(vm, p, "__path__")? {
            Some(pv) => vm.to_vec(&pv)?.iter().map(|d| vm.str_of(d)).collect(),
            None => {
                return Err(vm.err(
                    TypeId::ModuleNotFoundError,
                    format!("No module named '{}'", full),
                ));
            }
        },
        None => vm.shared.sys_path(),
    };
    for dir in dirs {
        let pkg_dir = join(&dir, &leaf);
        let init = join(&pkg_dir, "__init__.py");
        if is_file(vm, &init) {
            return load_source_module(vm, full, &init, Some(pkg_dir), parent, &leaf);
        }
        let file = join(&dir, &format!("{}.py", leaf));
        if is_file(vm, &file) {
            return load_source_module(vm, full, &file, None, parent, &leaf);
        }
        // a namespace-style package directory without __init__.py
        if let Some(fs) = vm.shared.port.fs() {
            if fs.stat(&pkg_dir).map(|s| s.is_dir).unwrap_or(false) {
                let m = new_module(full, Some(&pkg_dir), None);
                dict_set_str(&modules, Value::str(full), m.clone());
                if let Some(p) = parent {
                    vm.set_attr(p, &Value::str(&leaf), m.clone())?;
                }
                return Ok(m);
            }
        }
    }
    Err(vm.err(
        TypeId::ModuleNotFoundError,
        format!("No module named '{}'", full),
    ))
}

pub fn new_module(name: &str, path: Option<&str>, file: Option<&str>) -> Value {
    let mut d = Dict::new();
    d.set_str("__name__", Value::str(name));
    if let Some(f) = file {
        d.set_str("__file__", Value::str(f));
    }
    if let Some(p) = path {
        d.set_str("__path__", Value::list(alloc::vec![Value::str(p)]));
        d.set_str("__package__", Value::str(name));
    } else {
        let pkg = match name.rfind('.') {
            Some(i) => &name[..i],
            None => "",
        };
        d.set_str("__package__", Value::str(pkg));
    }
    Value::obj(Obj::Module(Module {
        name: Value::str(name),
        dict: Value::dict(d),
    }))
}

fn load_source_module(
    vm: &mut Vm,
    full: &str,
    file: &str,
    pkg_dir: Option<String>,
    parent: Option<&Value>,
    leaf: &str,
) -> PyResult<Value> {
    let src = match read_file(vm, file) {
        Some(b) => b,
        None => {
            return Err(vm.err(
                TypeId::ImportError,
                format!("can't read module file {}", file),
            ))
        }
    };
    let src = match String::from_utf8(src) {
        Ok(s) => s,
        Err(_) => {
            return Err(vm.err(
                TypeId::SyntaxError,
                format!("module {} is not valid UTF-8", file),
            ))
        }
    };
    let m = new_module(full, pkg_dir.as_deref(), Some(file));
    let modules = sys_modules(vm);
    dict_set_str(&modules, Value::str(full), m.clone());
    let globals = match &m {
        Value::Obj(o) => match &**o {
            Obj::Module(md) => md.dict.clone(),
            _ => Value::None,
        },
        _ => Value::None,
    };
    let r = crate::builtins::compile_to_code(vm, &src, file, Mode::Exec)
        .and_then(|code| vm.run_code(code, globals.clone(), globals));
    if let Err(e) = r {
        crate::vm::dict_del_str(&modules, &Value::str(full));
        return Err(e);
    }
    if let Some(p) = parent {
        vm.set_attr(p, &Value::str(leaf), m.clone())?;
    }
    Ok(m)
}

/// `module.name`, or None when it has none: also when the module's own `__getattr__`
/// (PEP 562) raises AttributeError for it.
fn module_attr(vm: &mut Vm, module: &Value, name: &str) -> PyResult<Option<Value>> {
    match vm.get_attr_opt(module, &Value::str(name)) {
        Err(e) if vm.exc_matches(&e.0, TypeId::AttributeError) => Ok(None),
        r => r,
    }
}

/// `from module import name`
pub fn import_from(vm: &mut Vm, module: &Value, name: &Value) -> PyResult<Value> {
    let n = vm.str_of(name);
    if let Some(v) = module_attr(vm, module, &n)? {
        return Ok(v);
    }
    // maybe a submodule not imported yet
    let mname = match vm.get_attr_opt(module, &Value::str("__name__"))? {
        Some(n) => vm.str_of(&n),
        None => String::new(),
    };
    if !mname.is_empty() {
        let full = format!("{}.{}", mname, n);
        match import_one(vm, &full, Some(module)) {
            Ok(m) => return Ok(m),
            Err(e) => {
                if !vm.exc_matches(&e.0, TypeId::ModuleNotFoundError) {
                    return Err(e);
                }
            }
        }
    }
    Err(vm.err(
        TypeId::ImportError,
        format!("cannot import name '{}' from '{}'", n, mname),
    ))
}

/// `from module import *`
pub fn import_star(vm: &mut Vm, module: &Value, locals: &Value) -> PyResult<()> {
    let d = match module {
        Value::Obj(o) => match &**o {
            Obj::Module(m) => m.dict.clone(),
            _ => return Err(vm.type_error("import * from a non-module")),
        },
        _ => return Err(vm.type_error("import * from a non-module")),
    };
    let all = vm.dict_get_str_opt(&d, &Value::str("__all__"));
    let names: Vec<Value> = match all {
        Some(a) => vm.to_vec(&a)?,
        None => vm
            .mapping_items(&d)?
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| !vm.str_of(k).starts_with('_'))
            .collect(),
    };
    for n in names {
        let v = vm.get_attr(module, &n)?;
        if let Value::Obj(o) = locals {
            if let Obj::Dict(_) = &**o {
                dict_set_str(locals, n, v);
                continue;
            }
        }
        vm.set_item(locals, &n, v)?;
    }
    Ok(())
}
