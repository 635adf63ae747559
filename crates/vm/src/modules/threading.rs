//! `threading`: CPython's high-level threading API (Thread, Lock, RLock, Condition,
//! Semaphore, BoundedSemaphore, Event, Timer, Barrier, local, excepthook, ...), written in
//! Python (`threading.py`) on top of `_thread`.

use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

pub(crate) const SRC: &str = include_str!("threading.py");

pub fn init(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    run_python_module(vm, d, "threading")
}

/// Run a module written in Python, frozen (`modules::frozen`): its code is executed in a namespace that starts as a copy
/// of `d` (so `__name__` is set), then every name it defined is copied into `d`.
///
/// The functions' globals are that namespace, not the module object's dict: code that must
/// see a name rebound from outside (`threading.excepthook = f`) looks it up in
/// `sys.modules`.
pub fn run_python_module(vm: &mut Vm, d: &mut Dict, name: &str) -> PyResult<()> {
    let code = super::frozen::load(vm, name)?;
    let ns = Value::dict(d.clone());
    vm.run_code(code, ns.clone(), ns.clone())?;
    if let Value::Obj(o) = &ns {
        if let Obj::Dict(nd) = &**o {
            *d = nd.borrow().clone();
        }
    }
    Ok(())
}
