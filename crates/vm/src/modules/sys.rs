//! `sys`

use alloc::vec;
use alloc::vec::Vec;

use crate::dict::Dict;
use crate::types::TypeId;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::{add_fns, native_class, native_ref};

/// `sys.stdout` / `sys.stderr` / `sys.stdin`
pub struct Console {
    pub stream: u8,
}

impl NativeObj for Console {
    fn type_name(&self) -> &'static str {
        "TextIOWrapper"
    }
    fn class(&self, vm: &mut Vm) -> Value {
        native_class(
            vm,
            "TextIOWrapper",
            &[
                ("write", con_write),
                ("flush", con_flush),
                ("readline", con_readline),
                ("read", con_readline),
            ],
        )
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}

fn con_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let stream = native_ref::<Console>(&args.pos[0])
        .map(|c| c.stream)
        .unwrap_or(1);
    let v = vm.arg(&args, 1, "write")?.clone();
    let data: Vec<u8> = match v.as_str() {
        Some(s) => s.as_str().as_bytes().to_vec(),
        None => vm.bytes_of(&v)?,
    };
    let st = if stream == 2 {
        crate::port::Stream::Stderr
    } else {
        crate::port::Stream::Stdout
    };
    vm.console_write(st, &data);
    let n = match v.as_str() {
        Some(s) => s.char_len,
        None => data.len(),
    };
    Ok(Value::Int(n as i64))
}
fn con_flush(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    vm.shared.port.flush();
    Ok(Value::None)
}
fn con_readline(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    match vm.shared.port.read_line("") {
        Some(mut l) => {
            l.push('\n');
            Ok(Value::string(l))
        }
        None => Ok(Value::str("")),
    }
}

pub fn init(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    let cfg = vm.shared.config.clone();
    d.set_str(
        "argv",
        Value::list(cfg.argv.iter().map(|a| Value::str(a)).collect()),
    );
    d.set_str("path", vm.shared.sys_path_list.clone());
    d.set_str("modules", vm.shared.modules.clone());
    d.set_str("platform", Value::str(&cfg.platform));
    d.set_str("version", Value::str("3.4.0; Weft 0.1.0"));
    d.set_str(
        "version_info",
        Value::tuple(vec![Value::Int(3), Value::Int(4), Value::Int(0)]),
    );
    d.set_str("byteorder", Value::str("little"));
    d.set_str("maxsize", Value::Int(i64::MAX));
    d.set_str(
        "stdout",
        Value::obj(Obj::Native(alloc::boxed::Box::new(Console { stream: 1 }))),
    );
    d.set_str(
        "stderr",
        Value::obj(Obj::Native(alloc::boxed::Box::new(Console { stream: 2 }))),
    );
    d.set_str(
        "stdin",
        Value::obj(Obj::Native(alloc::boxed::Box::new(Console { stream: 0 }))),
    );
    // sys.implementation: Weft's own name, plus the fields MicroPython tooling reads
    let mut ns = Dict::new();
    ns.set_str("__module__", Value::str("sys"));
    let object = vm.shared.types.get(TypeId::Object);
    let cls = crate::types::new_class(vm, Value::str("implementation"), vec![object], ns)?;
    let imp = crate::types::object_new(vm, &cls, &[])?;
    vm.set_attr(&imp, &Value::str("name"), Value::str("weft"))?;
    vm.set_attr(
        &imp,
        &Value::str("version"),
        Value::tuple(vec![
            Value::Int(0),
            Value::Int(1),
            Value::Int(0),
            Value::str(""),
        ]),
    )?;
    vm.set_attr(
        &imp,
        &Value::str("_machine"),
        Value::string(alloc::format!("Weft on {}", cfg.platform)),
    )?;
    vm.set_attr(&imp, &Value::str("_mpy"), Value::Int(6 | (1 << 8)))?;
    vm.set_attr(&imp, &Value::str("_build"), Value::str("standard"))?;
    vm.set_attr(&imp, &Value::str("_thread"), Value::str("GIL"))?;
    d.set_str("implementation", imp);
    let names: Vec<Value> = super::names().into_iter().map(Value::str).collect();
    d.set_str("builtin_module_names", Value::tuple(names));
    add_fns(
        d,
        &[
            ("exit", sys_exit),
            ("exc_info", sys_exc_info),
            ("getrecursionlimit", sys_getrecursionlimit),
            ("setrecursionlimit", sys_setrecursionlimit),
            ("print_exception", sys_print_exception),
            ("intern", sys_intern),
            ("getsizeof", sys_getsizeof),
            ("setswitchinterval", sys_setswitchinterval),
            ("getswitchinterval", sys_getswitchinterval),
        ],
    );
    Ok(())
}

fn sys_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = vm.shared.types.get(TypeId::SystemExit);
    let a = match args.pos.first() {
        Some(v) => vec![v.clone()],
        None => Vec::new(),
    };
    Err(crate::vm::PyErr(crate::types::make_exception(
        cls,
        Value::tuple(a),
    )))
}
fn sys_exc_info(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let e = vm.cur_exc.clone();
    if e.is_none() {
        return Ok(Value::tuple(vec![Value::None, Value::None, Value::None]));
    }
    let t = vm.type_of(&e);
    Ok(Value::tuple(vec![t, e, Value::None]))
}
fn sys_getrecursionlimit(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(vm.shared.recursion_limit.get() as i64))
}
fn sys_setrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = vm.arg(&args, 0, "setrecursionlimit")?.clone();
    let n = vm.to_i64(&n)?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    // the frame stack is heap-allocated; cap it so hostile values can't exhaust memory
    vm.shared.recursion_limit.set((n as usize).min(100_000));
    Ok(Value::None)
}
fn sys_print_exception(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = vm.arg(&args, 0, "print_exception")?.clone();
    let text = crate::interp::format_exception(vm, &e);
    match args.pos.get(1) {
        Some(f) => {
            let w = vm.get_attr(f, &Value::str("write"))?;
            vm.call(&w, &[Value::string(text)])?;
        }
        None => vm.write_stdout(&text),
    }
    Ok(Value::None)
}
fn sys_intern(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(vm.arg(&args, 0, "intern")?.clone())
}
fn sys_getsizeof(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = vm.arg(&args, 0, "getsizeof")?.clone();
    let n = match &v {
        Value::Obj(o) => match &**o {
            Obj::Str(s) => 49 + s.s.len(),
            Obj::List(l) => 56 + 8 * l.borrow().len(),
            Obj::Tuple(t) => 40 + 8 * t.len(),
            Obj::Bytes(b) => 33 + b.len(),
            _ => 48,
        },
        _ => 28,
    };
    Ok(Value::Int(n as i64))
}
fn sys_setswitchinterval(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = vm.arg(&args, 0, "setswitchinterval")?.clone();
    let f = vm.to_f64(&v)?;
    if f <= 0.0 || !f.is_finite() {
        return Err(vm.value_error("switch interval must be strictly positive"));
    }
    vm.shared.switch_interval_us.set((f * 1e6) as u64);
    // green threads: the running thread starts a slice of the new length
    crate::green::new_slice(vm);
    Ok(Value::None)
}
fn sys_getswitchinterval(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(
        vm.shared.switch_interval_us.get() as f64 / 1e6,
    ))
}
