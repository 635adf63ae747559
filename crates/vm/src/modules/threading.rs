//! `threading`: CPython's high-level threading API (Thread, Lock, RLock, Condition,
//! Semaphore, BoundedSemaphore, Event, Timer, Barrier, local, excepthook, ...), written in
//! Python (`threading.py`) on top of `_thread`. What most programs use loads at import; the
//! rest (`#@lazy` parts of the source: excepthook machinery, Barrier/Timer/BoundedSemaphore,
//! `local`) thaws on first use (`modules::LAZY`).

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
