//! `threading`: CPython's high-level threading API (Thread, Lock, RLock, Condition,
//! Semaphore, BoundedSemaphore, Event, Timer, Barrier, local, excepthook, ...), written in
//! Python (`threading.py`) on top of `_thread`. What most programs use loads at import; the
//! rest (`#@lazy` parts of the source: excepthook machinery, Barrier/Timer/BoundedSemaphore,
//! `local`) thaws on first use (`modules::LAZY`).

use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

pub(crate) const SRC: &str = include_str!("threading.py");

pub fn init(vm: &mut Vm, globals: &Value) -> PyResult<()> {
    run_frozen(vm, globals, "threading")
}

/// Run frozen module `name` (`modules::frozen`) with `globals` (the module's namespace)
/// as its globals, with the lazy parts that module has (`modules::LAZY`) ready to thaw.
pub fn run_frozen(vm: &mut Vm, globals: &Value, name: &str) -> PyResult<()> {
    if super::LAZY.iter().any(|(m, _, _)| *m == name) {
        super::install_lazy(globals);
    }
    let code = super::frozen::load(vm, name)?;
    vm.run_code(code, globals.clone(), globals.clone())?;
    Ok(())
}

/// Run a module written in Python, frozen (`modules::frozen`): its code is executed in a
/// namespace that starts as a copy of `d` (so `__name__` is set), then every name it defined
/// is copied into `d`.
///
/// The functions' globals are that namespace, not the module object's dict: code that must
/// see a name rebound from outside looks it up in `sys.modules`. (Those functions and that
/// namespace refer to each other, which an interpreter's teardown does not break: a module
/// that can be a [`super::PY_MODULES`] one with [`run_frozen`] should be.)
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
