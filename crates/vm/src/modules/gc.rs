//! `gc`: the VM frees memory by reference counting, so `collect` has nothing to do (a cycle
//! collector may come later; it returns 0 objects collected). The enabled flag and threshold
//! are kept so programs that toggle them behave as expected.

use alloc::boxed::Box;
use core::cell::Cell;

use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::random::add_bound;
use super::{native_class, native_ref};

/// The collector's settings (one per `gc` module object).
pub struct GcState {
    enabled: Cell<bool>,
    threshold: Cell<i64>,
}

impl NativeObj for GcState {
    fn type_name(&self) -> &'static str {
        "GcState"
    }
    fn class(&self, vm: &mut Vm) -> Value {
        native_class(vm, "GcState", &[])
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}

const FNS: &[(&str, NativeFn)] = &[
    ("collect", gc_collect),
    ("enable", gc_enable),
    ("disable", gc_disable),
    ("isenabled", gc_isenabled),
    ("mem_alloc", gc_mem_alloc),
    ("mem_free", gc_mem_free),
    ("threshold", gc_threshold),
];

pub fn init(_vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    let st = Value::obj(Obj::Native(Box::new(GcState {
        enabled: Cell::new(true),
        threshold: Cell::new(-1),
    })));
    add_bound(d, &st, FNS);
    Ok(())
}

fn state<'a>(vm: &mut Vm, args: &'a Args) -> PyResult<&'a GcState> {
    match args.pos.first().and_then(native_ref::<GcState>) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("gc state expected")),
    }
}

fn gc_collect(vm: &mut Vm, args: Args) -> PyResult<Value> {
    state(vm, &args)?;
    // let a pending Ctrl-C through, as a real collection would take a moment
    vm.periodic()?;
    Ok(Value::Int(0))
}

fn gc_enable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    state(vm, &args)?.enabled.set(true);
    Ok(Value::None)
}

fn gc_disable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    state(vm, &args)?.enabled.set(false);
    Ok(Value::None)
}

fn gc_isenabled(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(state(vm, &args)?.enabled.get()))
}

/// bytes of heap in use (0 when the port cannot tell)
pub fn heap_used(vm: &Vm) -> usize {
    vm.shared.port.heap_used().unwrap_or(0)
}

fn gc_mem_alloc(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(heap_used(vm) as i64))
}

fn gc_mem_free(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let free = vm.shared.config.heap_limit.saturating_sub(heap_used(vm));
    Ok(Value::Int(free.min(i64::MAX as usize) as i64))
}

fn gc_threshold(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args)?;
    match args.pos.get(1) {
        None => Ok(Value::Int(st.threshold.get())),
        Some(v) => {
            let v = v.clone();
            let n = vm.to_i64(&v)?;
            st.threshold.set(if n < 0 { -1 } else { n });
            Ok(Value::None)
        }
    }
}
